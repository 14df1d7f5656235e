import type { HttpResponse } from '../../http/http-client';
import { CrmError, type CrmUpsertResult } from '../types';
import { contactProperties } from './contact-properties';
import { crmContact, type HubSpotObject } from './contact-record';
import { isSuccess, type HubSpotApi } from './hubspot-api';
import { hubspotError, validationMessage, type HubSpotErrorBody } from './hubspot-errors';
import type { CrmUpsert } from '../types';

/** HubSpot's batch endpoints take up to 100 inputs. */
export const BATCH_LIMIT = 100;

/** One input on its way: where it is in the caller's list, and the key HubSpot knows it by. */
export interface Pending {
	index: number;
	/** The e-mail (upsert) or record id (update) it is sent under. */
	key: string;
	input: CrmUpsert;
}

interface BatchAnswer {
	results?: HubSpotObject[];
	errors?: HubSpotErrorBody[];
}

/** Groups into batches of up to `size`, none with the same key twice (HubSpot refuses duplicate ids in one batch). */
export function batchesOf(pending: Pending[], size = BATCH_LIMIT): Pending[][] {
	const batches: Array<{ entries: Pending[]; keys: Set<string> }> = [];
	for (const entry of pending) {
		let batch = batches.find((candidate) => candidate.entries.length < size && !candidate.keys.has(entry.key));
		if (!batch) batches.push((batch = { entries: [], keys: new Set() }));
		batch.entries.push(entry);
		batch.keys.add(entry.key);
	}
	return batches.map((batch) => batch.entries);
}

/** The error of an input a batch answered without it: the one naming its key, else the only one. */
function errorFor(entry: Pending, errors: HubSpotErrorBody[], unmatched: number): CrmError {
	const names = (error: HubSpotErrorBody) => [...Object.values(error.context ?? {}).flat(), ...(error.errors ?? []).flatMap((detail) => Object.values(detail.context ?? {}).flat())].map(String);
	const own = errors.find((error) => names(error).some((name) => name.toLowerCase() === entry.key)) ?? (errors.length === 1 && unmatched === 1 ? errors[0] : undefined);
	if (own) return new CrmError('hubspot', validationMessage(`the contact ${entry.key}`, own), { status: 207, code: own.category, body: own, hint: 'Check the field mapping for this item; the other items were saved.' });
	const said = errors.map((error) => error.message).filter(Boolean).join('; ');
	return new CrmError('hubspot', `HubSpot did not save the contact ${entry.key}${said ? `: ${said}` : ''}`, { status: 207, body: errors });
}

/**
 * Sends one batch and gives each input its result. A 200 or 207 names each saved contact (by
 * e-mail or id, `keyOf`); the inputs it leaves out get the error naming them. A batch refused
 * whole for one input's values (400) is split in halves and sent again, so that only that input
 * fails.
 */
export async function sendBatch(
	api: HubSpotApi,
	path: string,
	batch: Pending[],
	inputOf: (entry: Pending) => object,
	keyOf: (record: HubSpotObject) => string[],
	results: CrmUpsertResult[],
): Promise<void> {
	const response: HttpResponse<BatchAnswer> = await api.send('POST', path, { json: { inputs: batch.map(inputOf) } });
	if (!isSuccess(response)) {
		if (response.status === 400 && batch.length > 1) {
			const half = Math.ceil(batch.length / 2);
			await sendBatch(api, path, batch.slice(0, half), inputOf, keyOf, results);
			await sendBatch(api, path, batch.slice(half), inputOf, keyOf, results);
			return;
		}
		const error = hubspotError(response, batch.length === 1 ? `the contact ${batch[0].key}` : 'the contacts');
		for (const entry of batch) results[entry.index] = { ok: false, error };
		return;
	}
	const saved = new Map<string, HubSpotObject>();
	for (const record of response.body.results ?? []) for (const key of keyOf(record)) saved.set(key, record);
	const unmatched = batch.filter((entry) => !saved.has(entry.key));
	for (const entry of batch) {
		const record = saved.get(entry.key);
		results[entry.index] = record ? { ok: true, contact: crmContact(record), created: record.new === true } : { ok: false, error: errorFor(entry, response.body.errors ?? [], unmatched.length) };
	}
}

/** Upserts by e-mail: the contact with that primary e-mail is updated, or created with it. */
export const upsertInput = (entry: Pending) => ({ idProperty: 'email', id: entry.key, properties: contactProperties(entry.input) });
export const emailOf = (record: HubSpotObject) => [record.properties?.email?.trim().toLowerCase() ?? ''];

/** Updates by record id. */
export const updateInput = (entry: Pending) => ({ id: entry.key, properties: contactProperties(entry.input) });
export const idOf = (record: HubSpotObject) => [String(record.id)];

/** Creates one contact: for a customer HubSpot can't be told apart by (no e-mail, no known record). */
export async function createContact(api: HubSpotApi, entry: Pending, results: CrmUpsertResult[]): Promise<void> {
	const response = await api.send<HubSpotObject>('POST', '/crm/v3/objects/contacts', { json: { properties: contactProperties(entry.input) } });
	results[entry.index] = isSuccess(response) ? { ok: true, contact: crmContact(response.body), created: true } : { ok: false, error: hubspotError(response, 'the new contact') };
}
