/** Parses a webhook body as a JSON object, or throws an error that names the provider and what it expected. */
export function parseJsonObject(body: Buffer | string, provider: string, expected: string): Record<string, unknown> {
	const text = typeof body === 'string' ? body : body.toString('utf8');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new Error(`${provider}: the request body is not JSON; expected ${expected}`);
	}
	if (!isRecord(value)) throw new Error(`${provider}: the request body is not a JSON object; expected ${expected}`);
	return value;
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a non-empty string, numbers included (ids often arrive as numbers); undefined otherwise. */
export function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return undefined;
}
