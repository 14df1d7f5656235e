import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual } from '../../channels/shared/constant-time-equal';
import { boundedBodyText } from '../../channels/shared/body-text';
import { parseBoundedJson } from '../../channels/shared/json-body';
import { PayloadError } from '../../channels/shared/payload-error';
import { readPayload } from '../../channels/shared/payload-schema';
import type { VerifyResult } from '../../channels/types';
import type { CrmChange } from '../changes';

export const HUBSPOT_SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const HUBSPOT_TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';

/** HubSpot says to refuse requests signed longer ago than this: a captured request can't be replayed later. */
export const HUBSPOT_MAX_REQUEST_AGE_MS = 5 * 60 * 1000;

/** HubSpot sends at most 100 events per request; anything far past that is not HubSpot's. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_EVENTS = 1_000;

export interface HubSpotSignedRequest {
	method: string;
	/** The full URL HubSpot called, as set in the app's webhook settings (with its query string). */
	url: string;
	/** The body exactly as received. */
	body: Buffer;
	signature?: string;
	/** X-HubSpot-Request-Timestamp: milliseconds since 1970. */
	timestamp?: string;
	/** The app's client secret. */
	clientSecret: string;
	/** Milliseconds since 1970; defaults to now. */
	now?: number;
}

/**
 * The characters HubSpot decodes in the URL before signing it (its request validation guide
 * lists them); every other escape stays as sent.
 */
const DECODED_IN_URI: Record<string, string> = {
	'%3A': ':',
	'%2F': '/',
	'%3F': '?',
	'%40': '@',
	'%21': '!',
	'%24': '$',
	'%27': "'",
	'%28': '(',
	'%29': ')',
	'%2A': '*',
	'%2C': ',',
	'%3B': ';',
};

function signedUri(url: string): string {
	return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED_IN_URI[escape.toUpperCase()]);
}

/** HubSpot's v3 signature: base64 HMAC-SHA256, with the client secret, of method + URI + body + timestamp. */
export function hubSpotSignature(clientSecret: string, method: string, url: string, body: Buffer, timestamp: string): string {
	return createHmac('sha256', clientSecret)
		.update(method.toUpperCase() + signedUri(url), 'utf8')
		.update(body)
		.update(timestamp, 'utf8')
		.digest('base64');
}

/** Checks X-HubSpot-Signature-v3 and refuses a request signed more than 5 minutes ago (or ahead of our clock). */
export function verifyHubSpotRequest(input: HubSpotSignedRequest): VerifyResult {
	if (!input.clientSecret) return { valid: false, reason: 'HubSpot: the credential has no client secret to check the signature with' };
	if (!input.signature) return { valid: false, reason: 'HubSpot: the X-HubSpot-Signature-v3 header is missing' };
	const timestamp = Number(input.timestamp);
	if (!input.timestamp || !Number.isFinite(timestamp)) return { valid: false, reason: 'HubSpot: the X-HubSpot-Request-Timestamp header is missing or not a time' };
	const age = (input.now ?? Date.now()) - timestamp;
	if (Math.abs(age) > HUBSPOT_MAX_REQUEST_AGE_MS) {
		return {
			valid: false,
			reason: `HubSpot: the request was signed ${Math.round(Math.abs(age) / 1000)} seconds ${age > 0 ? 'ago' : 'ahead of this server\'s clock'}, more than the 5 minutes allowed: a replay, or a clock to set right`,
		};
	}
	const expected = hubSpotSignature(input.clientSecret, input.method, input.url, input.body, input.timestamp);
	if (constantTimeEqual(input.signature.trim(), expected)) return { valid: true };
	return { valid: false, reason: 'HubSpot: the X-HubSpot-Signature-v3 does not match: check the client secret and that the URL is exactly the one set in the app' };
}

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

const eventSchema = z
	.object({
		eventId: id,
		portalId: id,
		subscriptionType: z.string(),
		objectId: id,
		occurredAt: z.number().optional(),
		propertyName: z.string().optional(),
		propertyValue: z.union([z.string(), z.number()]).nullish(),
		primaryObjectId: id.optional(),
		mergedObjectIds: z.array(id).max(MAX_EVENTS).optional(),
		newObjectId: id.optional(),
	})
	.passthrough();

const bodySchema = z.array(eventSchema).max(MAX_EVENTS);

type HubSpotEvent = z.output<typeof eventSchema>;

const EXPECTED = 'a JSON list of HubSpot webhook events (eventId, portalId, subscriptionType, objectId)';

/** Contact properties that hold identifiers: what we learn from their changes. */
const IDENTIFIER_PROPERTIES: Record<string, 'emails' | 'phones'> = { email: 'emails', phone: 'phones', mobilephone: 'phones' };

function toChange(event: HubSpotEvent): CrmChange | undefined {
	const origin = {
		crm: 'hubspot' as const,
		// HubSpot's eventId alone is not guaranteed unique; with what it is about, a redelivery is the same key.
		deliveryId: ['hubspot', event.portalId, event.subscriptionType, event.objectId, event.eventId, event.propertyName ?? ''].join(':'),
		...(event.occurredAt !== undefined && { occurredAt: new Date(event.occurredAt).toISOString() }),
	};
	switch (event.subscriptionType) {
		case 'contact.propertyChange': {
			const list = IDENTIFIER_PROPERTIES[event.propertyName ?? ''];
			const value = event.propertyValue === null || event.propertyValue === undefined ? '' : String(event.propertyValue).trim();
			// A cleared e-mail or phone teaches nothing: the old value stays one of the customer's.
			if (!list || !value) return undefined;
			return { ...origin, type: 'identifiers-changed', recordId: event.objectId, emails: list === 'emails' ? [value] : [], phones: list === 'phones' ? [value] : [] };
		}
		case 'contact.merge': {
			const merged = (event.mergedObjectIds ?? []).filter((recordId) => recordId !== (event.primaryObjectId ?? event.objectId));
			if (!merged.length) return undefined;
			const recordId = event.primaryObjectId ?? event.objectId;
			const newRecordId = event.newObjectId && event.newObjectId !== recordId ? event.newObjectId : undefined;
			return { ...origin, type: 'merged', recordId, mergedRecordIds: merged, ...(newRecordId && { newRecordId }) };
		}
		case 'contact.deletion':
			return { ...origin, type: 'deleted', recordId: event.objectId, privacy: false };
		case 'contact.privacyDeletion':
			return { ...origin, type: 'deleted', recordId: event.objectId, privacy: true };
		default:
			// Other subscriptions of the same app (companies, deals, other properties) are not about identity.
			return undefined;
	}
}

/**
 * The changes that matter to identity in one HubSpot webhook request: e-mail and phone
 * changes, merges, deletions and privacy (GDPR) deletions of contacts, in the order sent.
 */
export function parseHubSpotWebhook(body: Buffer | string): CrmChange[] {
	const text = boundedBodyText(body, 'HubSpot', MAX_BODY_BYTES);
	const value = parseBoundedJson(text, 'HubSpot', () => `the request body is not JSON; expected ${EXPECTED}`);
	if (!Array.isArray(value)) throw new PayloadError('HubSpot', `the request body is not a list; expected ${EXPECTED}`);
	return readPayload(bodySchema, value, 'HubSpot')
		.map(toChange)
		.filter((change): change is CrmChange => change !== undefined);
}
