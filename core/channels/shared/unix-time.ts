/** ISO 8601 (UTC) for Unix seconds; undefined when the value is not a usable time. */
export function unixSecondsToIso(seconds: unknown): string | undefined {
	const value = typeof seconds === 'string' && /^\d+$/.test(seconds.trim()) ? Number(seconds) : seconds;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
	const date = new Date(value * 1000);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** ISO 8601 (UTC) for any date text `Date` understands (RFC 2822 mail dates, ISO); undefined otherwise. */
export function dateTextToIso(text: unknown): string | undefined {
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The current time as ISO 8601, for providers that do not say when something happened. */
export function nowIso(): string {
	return new Date().toISOString();
}
