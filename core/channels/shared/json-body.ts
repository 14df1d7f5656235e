import { boundedBodyText } from './body-text';
import { INBOUND_LIMITS } from './inbound-limits';
import { assertJsonDepth } from './json-depth';
import { PayloadError } from './payload-error';

/**
 * Parses JSON text whose nesting is first checked against the limit; `notJson` words the
 * error for text that is not JSON, from the parser's reason. `what` names the text in
 * errors ("the body", "message-headers").
 */
export function parseBoundedJson(text: string, provider: string, notJson: (reason: string) => string, what = 'the body'): unknown {
	assertJsonDepth(text, INBOUND_LIMITS.jsonDepth, provider, what);
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new PayloadError(provider, notJson((error as Error).message));
	}
}

/** Parses a webhook body as a JSON object, or throws a PayloadError that names the provider and what it expected. */
export function parseJsonObject(body: Buffer | string, provider: string, expected: string, maxBytes: number): Record<string, unknown> {
	const text = boundedBodyText(body, provider, maxBytes);
	const value = parseBoundedJson(text, provider, () => `the request body is not JSON; expected ${expected}`);
	if (!isRecord(value)) throw new PayloadError(provider, `the request body is not a JSON object; expected ${expected}`);
	return value;
}

export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The elements of `value` that are objects; anything else (absent, wrong type) gives none. */
export function objects(value: unknown): JsonObject[] {
	return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** The value as a non-empty string, numbers included (ids often arrive as numbers); undefined otherwise. */
export function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return undefined;
}
