import type { z } from 'zod';
import { boundedBodyText } from '../shared/body-text';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { isRecord, objects, parseBoundedJson, type JsonObject } from '../shared/json-body';
import { PayloadError } from '../shared/payload-error';
import { lenientObjectList, openObject } from '../shared/payload-fields';
import { checkPayload } from '../shared/payload-schema';
import { dateToIso } from '../shared/unix-time';

/**
 * Reading the envelope every Meta Graph API webhook shares:
 * `{ "object": "<product>", "entry": [ ... ] }`, and its timestamps.
 */

/** The schema of a whole webhook whose entries are `entrySchema`s: built once per product, as zod's schemas are costly to make. */
export function metaWebhookSchema(entrySchema: z.ZodTypeAny): z.ZodTypeAny {
	return openObject({ entry: lenientObjectList(entrySchema, INBOUND_LIMITS.meta.batchItems) });
}

/**
 * Parses a webhook body and returns its entries, checked against `webhookSchema` (see metaWebhookSchema), or throws
 * a PayloadError that says what was expected (`label` names the product: "WhatsApp Cloud
 * API", "Messenger", "Instagram"). Entries that are not objects are skipped. The entries
 * are returned as received, so that `raw` keeps the provider's keys in their order; the
 * parsers read them with the lenient helpers above, which the schema's leniency matches.
 */
export function readWebhookEntries(body: Buffer | string, expectedObject: string, label: string, webhookSchema: z.ZodTypeAny): JsonObject[] {
	const notA = `not ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label} webhook`;
	const source = boundedBodyText(body, label, INBOUND_LIMITS.meta.bodyBytes);
	const payload = parseBoundedJson(source, label, (reason) => `${notA}: the body is not JSON (${reason})`);
	if (!isRecord(payload)) {
		throw new PayloadError(label, `${notA}: expected a JSON object with "object": "${expectedObject}"`);
	}
	if (payload.object !== expectedObject) {
		const got = typeof payload.object === 'string' ? `"${payload.object.slice(0, 100)}"` : 'none';
		throw new PayloadError(label, `${notA}: expected object "${expectedObject}", got ${got}`);
	}
	if (!Array.isArray(payload.entry)) {
		throw new PayloadError(label, `${notA}: "entry" is missing or is not a list`);
	}
	checkPayload(webhookSchema, payload, label);
	return objects(payload.entry);
}

/**
 * An ISO 8601 timestamp from Meta's epoch values: WhatsApp sends seconds as a string,
 * Messenger and Instagram send milliseconds as a number. Values below 10^11 are taken as
 * seconds (10^11 seconds is the year 5138; 10^11 milliseconds is 1973).
 */
export function isoTimestamp(...candidates: unknown[]): string {
	for (const candidate of candidates) {
		const value = typeof candidate === 'string' && /^\d+(\.\d+)?$/.test(candidate) ? Number(candidate) : candidate;
		if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) continue;
		const iso = dateToIso(new Date(value < 1e11 ? value * 1000 : value));
		if (iso) return iso;
	}
	return new Date().toISOString();
}
