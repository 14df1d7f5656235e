/** The latest time ISO 8601 writes with four year digits; later years come out as "+010000-…", which no reader expects. */
const LAST_ISO_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** ISO 8601 (UTC) for a date in years 0000 to 9999; undefined for an invalid date or one outside them. */
export function dateToIso(date: Date): string | undefined {
	const time = date.getTime();
	return Number.isNaN(time) || time > LAST_ISO_TIME || date.getUTCFullYear() < 0 ? undefined : date.toISOString();
}

/** ISO 8601 (UTC) for Unix seconds; undefined when the value is not a usable time. */
export function unixSecondsToIso(seconds: unknown): string | undefined {
	const value = typeof seconds === 'string' && /^\d+$/.test(seconds.trim()) ? Number(seconds) : seconds;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
	return dateToIso(new Date(value * 1000));
}

/** ISO 8601 (UTC) for any date text `Date` understands (RFC 2822 mail dates, ISO); undefined otherwise. */
export function dateTextToIso(text: unknown): string | undefined {
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	return dateToIso(new Date(text));
}

/** The current time as ISO 8601, for providers that do not say when something happened. */
export function nowIso(): string {
	return new Date().toISOString();
}
