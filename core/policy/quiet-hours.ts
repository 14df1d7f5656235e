import { DateTime } from 'luxon';
import { formatInterval, MINUTES_PER_DAY, parseInterval, type OpenInterval } from '../routing/clock-time';

/** Hours of the customer's day when no message goes out, e.g. "21:00-08:00" (running past midnight). */
export type QuietHours = OpenInterval;

/** The quiet hours a marketer wrote, or the reason they can't be used, in words that say what to write. */
export function parseQuietHours(text: string): QuietHours | string {
	const parsed = parseInterval(text);
	if (typeof parsed === 'string') return parsed.replace('"09:00-18:00"', '"21:00-08:00"');
	return parsed;
}

export interface QuietHoursVerdict {
	quiet: boolean;
	/** When quiet: the end of the quiet hours in the customer's zone, as an ISO timestamp with its offset. */
	sendAt?: string;
	/** The customer's local time now, e.g. "23:10", for the reason. */
	localTime: string;
}

/**
 * Whether `at` falls in the quiet hours of a customer living in `zone`, and if so when they end.
 * Wall-clock times, so a day that loses or gains an hour to daylight saving still ends its quiet
 * hours at the written time; a time the change skips (02:30 when clocks jump from 02:00 to 03:00)
 * becomes the first minute after the jump.
 */
export function quietHoursAt(quiet: QuietHours, zone: string, at: number): QuietHoursVerdict {
	// A batch asks once per customer with one time and a handful of zones: the zone's arithmetic is the costly part.
	const key = `${quiet.start}-${quiet.end}@${zone}@${at}`;
	const known = recentVerdicts.get(key);
	if (known) return known;
	if (recentVerdicts.size >= MAX_REMEMBERED) recentVerdicts.clear();
	const verdict = computeQuietHoursAt(quiet, zone, at);
	recentVerdicts.set(key, verdict);
	return verdict;
}

const MAX_REMEMBERED = 512;
const recentVerdicts = new Map<string, QuietHoursVerdict>();

function computeQuietHoursAt(quiet: QuietHours, zone: string, at: number): QuietHoursVerdict {
	const local = DateTime.fromMillis(at, { zone });
	const minute = local.hour * 60 + local.minute;
	const localTime = local.toFormat('HH:mm');
	// The quiet hours that started today, and those that started yesterday and may run into today.
	for (const daysBack of [0, 1]) {
		const sinceStart = minute + daysBack * MINUTES_PER_DAY - quiet.start;
		if (sinceStart < 0 || sinceStart >= quiet.end - quiet.start) continue;
		const startDay = local.startOf('day').minus({ days: daysBack });
		const end = startDay.plus({ days: Math.floor(quiet.end / MINUTES_PER_DAY) }).set({ hour: Math.floor((quiet.end % MINUTES_PER_DAY) / 60), minute: quiet.end % 60 });
		// A zone whose clocks jumped over the end lands it after `at` anyway; never before it.
		const sendAt = end.toMillis() > at ? end : local;
		return { quiet: true, sendAt: sendAt.toISO({ suppressMilliseconds: true })!, localTime };
	}
	return { quiet: false, localTime };
}

export const describeQuietHours = (quiet: QuietHours) => formatInterval(quiet);
