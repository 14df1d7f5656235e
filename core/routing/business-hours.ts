import { MINUTE_MS, toMillis, type Moment } from './moment';
import { openPeriodsFrom } from './open-periods';
import type { BusinessSchedule } from './schedule';

/**
 * A queue's open time, in its own zone's wall-clock hours: a 09:00-18:00 day is nine hours on
 * the day clocks change too, and a 22:00-06:00 shift is seven hours on the night they go
 * forward. Times are answered as Dates; moments may be Dates, ISO timestamps or milliseconds.
 */

/** The most open time one call adds: a year of minutes. */
export const MAX_BUSINESS_MINUTES = 366 * 24 * 60;

export function isOpen(schedule: BusinessSchedule, at: Moment): boolean {
	const moment = toMillis(at);
	for (const period of openPeriodsFrom(schedule, moment)) return period.start <= moment;
	return false;
}

/** The first moment at or after `at` when the queue is open (`at` itself when it is); undefined when it never opens again. */
export function nextOpening(schedule: BusinessSchedule, at: Moment): Date | undefined {
	const moment = toMillis(at);
	for (const period of openPeriodsFrom(schedule, moment)) return new Date(Math.max(period.start, moment));
	return undefined;
}

/**
 * The moment `minutes` of open time after `start`: the due time of work that needs that much
 * business time. Time while closed does not count; 0 minutes gives the next opening. Undefined
 * when the queue never opens long enough.
 */
export function addBusinessTime(schedule: BusinessSchedule, start: Moment, minutes: number): Date | undefined {
	if (!Number.isFinite(minutes) || minutes < 0 || minutes > MAX_BUSINESS_MINUTES) {
		throw new RangeError(`minutes must be a number from 0 to ${MAX_BUSINESS_MINUTES} (a year), not ${minutes}`);
	}
	const from = toMillis(start);
	let remaining = minutes * MINUTE_MS;
	for (const period of openPeriodsFrom(schedule, from)) {
		const periodStart = Math.max(period.start, from);
		if (remaining <= period.end - periodStart) return new Date(periodStart + remaining);
		remaining -= period.end - periodStart;
	}
	return undefined;
}

/** Minutes of open time from `from` until `to` (fractions included); 0 when `to` is not after `from`. */
export function businessMinutesBetween(schedule: BusinessSchedule, from: Moment, to: Moment): number {
	const start = toMillis(from);
	const end = toMillis(to);
	let open = 0;
	for (const period of openPeriodsFrom(schedule, start)) {
		if (period.start >= end) break;
		open += Math.min(period.end, end) - Math.max(period.start, start);
	}
	return Math.max(open, 0) / MINUTE_MS;
}
