/**
 * Reading the envelope every Meta Graph API webhook shares:
 * `{ "object": "<product>", "entry": [ ... ] }`, and its timestamps.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The elements of `value` that are objects; anything else (absent, wrong type) gives none. */
export function objects(value: unknown): JsonObject[] {
	return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A non-empty string, or a number written as one (Meta sends ids as both). */
export function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.length > 0 ? value : undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/**
 * Parses a webhook body and returns its entries, or throws an Error that says what was
 * expected (`label` names the product: "WhatsApp Cloud API", "Messenger", "Instagram").
 */
export function readWebhookEntries(body: Buffer | string, expectedObject: string, label: string): JsonObject[] {
	const source = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	const notA = `not ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label} webhook`;
	let payload: unknown;
	try {
		payload = JSON.parse(source);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new Error(`${notA}: the body is not JSON (${detail})`);
	}
	if (!isObject(payload)) {
		throw new Error(`${notA}: expected a JSON object with "object": "${expectedObject}"`);
	}
	if (payload.object !== expectedObject) {
		const got = typeof payload.object === 'string' ? `"${payload.object}"` : 'none';
		throw new Error(`${notA}: expected object "${expectedObject}", got ${got}`);
	}
	if (!Array.isArray(payload.entry)) {
		throw new Error(`${notA}: "entry" is missing or is not a list`);
	}
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
		const milliseconds = value < 1e11 ? value * 1000 : value;
		const date = new Date(milliseconds);
		if (!Number.isNaN(date.getTime())) return date.toISOString();
	}
	return new Date().toISOString();
}
