import { createHash } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual } from '../../channels/shared/constant-time-equal';
import { parseJsonObject } from '../../channels/shared/json-body';
import { PayloadError } from '../../channels/shared/payload-error';
import { readPayload } from '../../channels/shared/payload-schema';
import type { VerifyResult } from '../../channels/types';
import type { CrmChange } from '../changes';

/** A person's change is a few kilobytes; custom fields add some. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_VALUES = 1_000;

export interface PipedriveBasicAuth {
	/** The Authorization header as received. */
	authorization?: string;
	/** The user and password set on the webhook (http_auth_user, http_auth_password). */
	user: string;
	password: string;
}

/**
 * Checks the basic auth Pipedrive sends with every call of a webhook created with a user and
 * password. User and password are both compared, in constant time, whichever differs.
 */
export function verifyPipedriveBasicAuth(input: PipedriveBasicAuth): VerifyResult {
	if (!input.user || !input.password) return { valid: false, reason: 'Pipedrive: the credential has no user and password to check the webhook\'s basic auth with' };
	const header = input.authorization?.trim() ?? '';
	if (!/^basic\s+/i.test(header)) return { valid: false, reason: 'Pipedrive: the request has no basic auth (Authorization: Basic …): set the same user and password on the webhook in Pipedrive' };
	const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const [user, password] = colon === -1 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
	const userMatches = constantTimeEqual(user, input.user);
	const passwordMatches = constantTimeEqual(password, input.password);
	if (userMatches && passwordMatches) return { valid: true };
	return { valid: false, reason: 'Pipedrive: the webhook\'s user or password does not match the credential\'s' };
}

const id = z.union([z.number().int(), z.string().min(1).max(64)]).transform(String);
const contactValues = z.array(z.object({ value: z.union([z.string(), z.number()]).nullish() }).passthrough()).max(MAX_VALUES).nullish();
const person = z.object({ id: id.optional(), emails: contactValues, phones: contactValues, merge_what_id: id.nullish() }).passthrough();

const bodySchema = z
	.object({
		meta: z
			.object({
				action: z.string(),
				entity: z.string(),
				version: z.string().optional(),
				id: id.optional(),
				entity_id: id.optional(),
				company_id: id.optional(),
				timestamp: z.number().optional(),
			})
			.passthrough(),
		data: person.nullish(),
		previous: person.nullish(),
	})
	.passthrough();

type Body = z.output<typeof bodySchema>;

const EXPECTED = 'a Pipedrive webhook of version 2.0 (meta, data, previous)';

const valuesOf = (list: z.output<typeof contactValues>) =>
	(list ?? []).map((entry) => (entry.value === null || entry.value === undefined ? '' : String(entry.value).trim())).filter((value) => value !== '');

/** How a value is compared with the previous ones: e-mails without case, phones by their digits. */
const comparable = { emails: (value: string) => value.toLowerCase(), phones: (value: string) => value.replace(/\D/g, '') };

/** The values of `field` the change brought: in data, and not in previous. A field previous does not list did not change. */
function addedValues(body: Body, field: 'emails' | 'phones'): string[] {
	if (!body.previous || !(field in body.previous)) return [];
	const before = new Set(valuesOf(body.previous[field]).map(comparable[field]));
	return [...new Set(valuesOf(body.data?.[field]).filter((value) => !before.has(comparable[field](value))))];
}

/**
 * The key of this delivery: meta.id, which Pipedrive keeps across its retries, else a hash of
 * the body without meta.attempt (the one field a retry changes).
 */
function deliveryKey(body: Body): string {
	if (body.meta.id) return `pipedrive:${body.meta.company_id ?? ''}:${body.meta.id}`;
	const { attempt: _attempt, ...meta } = body.meta;
	return `pipedrive:sha256:${createHash('sha256').update(JSON.stringify({ ...body, meta })).digest('hex')}`;
}

/**
 * The changes that matter to identity in one Pipedrive webhook (version 2.0) about a person:
 * - `change` with new e-mails or phones (data against previous): identifiers changed;
 * - `change` whose person says `merge_what_id`: that person was merged into this one (webhooks
 *   v2 have no merge action: Pipedrive sends a change of the person that stays and a delete
 *   of the one merged away);
 * - `delete`: the person deleted (Pipedrive has no separate privacy deletion).
 * Other objects and actions (deals, organizations, `create`) are not about identity: none.
 */
export function parsePipedriveWebhook(body: Buffer | string): CrmChange[] {
	const json = parseJsonObject(body, 'Pipedrive', EXPECTED, MAX_BODY_BYTES);
	if ('current' in json && 'event' in json) throw new PayloadError('Pipedrive', 'this is a webhook of version 1.0; create the webhook with version 2.0');
	const parsed = readPayload(bodySchema, json, 'Pipedrive');
	const { meta } = parsed;
	if (meta.entity !== 'person') return [];
	const recordId = meta.entity_id ?? parsed.data?.id ?? parsed.previous?.id;
	if (!recordId) throw new PayloadError('Pipedrive', 'meta.entity_id is missing: which person changed is not said');
	const origin = {
		crm: 'pipedrive' as const,
		deliveryId: deliveryKey(parsed),
		...(meta.timestamp !== undefined && { occurredAt: new Date(meta.timestamp * 1000).toISOString() }),
	};
	if (meta.action === 'delete') return [{ ...origin, type: 'deleted', recordId, privacy: false }];
	if (meta.action !== 'change') return [];
	const changes: CrmChange[] = [];
	const mergedId = parsed.data?.merge_what_id;
	// A merge the previous values already showed is an older one, repeated on a later change.
	const mergedNow = mergedId && mergedId !== recordId && parsed.previous?.merge_what_id !== mergedId;
	if (mergedNow) changes.push({ ...origin, deliveryId: `${origin.deliveryId}:merge`, type: 'merged', recordId, mergedRecordIds: [mergedId] });
	const emails = addedValues(parsed, 'emails');
	const phones = addedValues(parsed, 'phones');
	if (emails.length || phones.length) changes.push({ ...origin, deliveryId: `${origin.deliveryId}:identifiers`, type: 'identifiers-changed', recordId, emails, phones });
	return changes;
}
