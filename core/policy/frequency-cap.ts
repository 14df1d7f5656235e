/**
 * Frequency caps across every channel: at most `limit` marketing messages in any `hours` long
 * stretch (1 a day and 3 a week: two caps). Transactional messages are exempt. Windows slide:
 * "a day" is the last 24 hours, so a message at 23:00 and another at 01:00 are two in a day.
 */
export interface FrequencyCap {
	limit: number;
	hours: number;
}

const HOUR_MS = 60 * 60 * 1000;

/** "a day", "a week", "every 12 hours": a cap's period as a marketer says it. */
export function describePeriod(hours: number): string {
	if (hours === 24) return 'a day';
	if (hours === 24 * 7) return 'a week';
	if (hours === 24 * 30) return 'a month';
	if (hours % 24 === 0) return `every ${hours / 24} days`;
	return hours === 1 ? 'an hour' : `every ${hours} hours`;
}

const messages = (count: number) => `${count} marketing message${count === 1 ? '' : 's'}`;

/** How far back the caps look: the history and the claims before it never count. */
export function capHorizon(caps: FrequencyCap[], now: number): number {
	return now - Math.max(0, ...caps.map((cap) => cap.hours)) * HOUR_MS;
}

export interface CapVerdict {
	/** The first cap this message would break, and how many were sent in its window. */
	reached?: { cap: FrequencyCap; count: number; reason: string };
}

/**
 * Whether one more marketing message keeps within every cap. `claims` are the sends the policy
 * decided (one per message), `history` the outbound marketing messages the store recorded
 * (the policy's own once a sender recorded them, and those sent without it): per window the
 * larger count stands, so nothing counts twice and nothing sent elsewhere is missed.
 */
export function checkCaps(caps: FrequencyCap[], sent: { claims: string[]; history: string[] }, now: number): CapVerdict {
	for (const cap of caps) {
		const since = now - cap.hours * HOUR_MS;
		const inWindow = (times: string[]) => times.filter((time) => Date.parse(time) > since).length;
		const count = Math.max(inWindow(sent.claims), inWindow(sent.history));
		if (count >= cap.limit) {
			return { reached: { cap, count, reason: `cap reached: ${messages(count)} in the last ${cap.hours} hours, and the limit is ${cap.limit} ${describePeriod(cap.hours)}` } };
		}
	}
	return {};
}

/** The caps a marketer set, checked: whole numbers, a limit of 0 or more and a period of at least an hour. */
export function validCaps(caps: FrequencyCap[]): FrequencyCap[] | string {
	for (const cap of caps) {
		if (!Number.isInteger(cap.limit) || cap.limit < 0) return `A frequency cap's limit must be a whole number of messages, 0 or more (got ${cap.limit})`;
		if (!Number.isInteger(cap.hours) || cap.hours < 1) return `A frequency cap's period must be a whole number of hours, at least 1 (got ${cap.hours})`;
	}
	return caps;
}
