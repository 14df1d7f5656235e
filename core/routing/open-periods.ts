import { DateTime } from 'luxon';
import { MINUTES_PER_DAY, type OpenInterval } from './clock-time';
import { WEEKDAYS, type BusinessSchedule } from './schedule';

/** A stretch of open time, in milliseconds since the epoch: from `start`, until (not at) `end`. */
export interface OpenPeriod {
	start: number;
	end: number;
}

/**
 * After this many days in a row without any open time, the queue is taken to never open
 * again: every walk through a schedule stops, even one with no hours at all.
 */
export const MAX_CLOSED_DAYS = 370;

/** The calendar date a moment falls on in the schedule's zone, as a UTC midnight (calendar arithmetic without DST). */
function localDateOf(schedule: BusinessSchedule, at: number): DateTime {
	const local = DateTime.fromMillis(at, { zone: schedule.timeZone });
	return DateTime.utc(local.year, local.month, local.day);
}

/**
 * The instant of a wall-clock time `minutes` after the start of `date` (a UTC midnight) in
 * the zone. A time that does not exist (the hour skipped when clocks go forward) is the first
 * one after it; on the night clocks go back, a repeated time is its later occurrence.
 */
function instantOf(schedule: BusinessSchedule, date: DateTime, minutes: number): number {
	const day = date.plus({ days: Math.floor(minutes / MINUTES_PER_DAY) });
	const withinDay = minutes % MINUTES_PER_DAY;
	return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(withinDay / 60), minute: withinDay % 60 }, { zone: schedule.timeZone }).toMillis();
}

function intervalsStartingOn(schedule: BusinessSchedule, date: DateTime): OpenInterval[] {
	const holiday = schedule.holidays.find((entry) => entry.date === date.toISODate());
	if (holiday) return holiday.hours ?? [];
	return schedule.weekly[WEEKDAYS[date.weekday - 1]];
}

// A schedule's periods of one day, computed once: routing a batch asks for the same days of the
// same queues again and again, and each period is two time-zone conversions. Keyed by the
// schedule object, so a schedule read again (another batch) starts afresh.
const periodsByDay = new WeakMap<BusinessSchedule, Map<number, OpenPeriod[]>>();
const MAX_CACHED_DAYS = 4096;

function periodsStartingOn(schedule: BusinessSchedule, date: DateTime): OpenPeriod[] {
	let days = periodsByDay.get(schedule);
	if (!days) {
		days = new Map();
		periodsByDay.set(schedule, days);
	}
	const key = date.toMillis();
	let periods = days.get(key);
	if (!periods) {
		periods = intervalsStartingOn(schedule, date)
			.map((interval) => ({ start: instantOf(schedule, date, interval.start), end: instantOf(schedule, date, interval.end) }))
			.sort((a, b) => a.start - b.start);
		if (days.size >= MAX_CACHED_DAYS) days.clear();
		days.set(key, periods);
	}
	return periods;
}

/**
 * The open periods that end after `from`, in order, never overlapping. Stops when the
 * schedule has no open time for MAX_CLOSED_DAYS days in a row.
 */
export function* openPeriodsFrom(schedule: BusinessSchedule, from: number): Generator<OpenPeriod> {
	// Yesterday's overnight shift may still be running.
	let date = localDateOf(schedule, from).minus({ days: 1 });
	let coveredUntil = -Infinity;
	let closedDays = 0;
	while (closedDays < MAX_CLOSED_DAYS) {
		let opened = false;
		for (const period of periodsStartingOn(schedule, date)) {
			const start = Math.max(period.start, coveredUntil);
			if (period.end <= start) continue;
			opened = true;
			coveredUntil = period.end;
			if (period.end > from) yield { start, end: period.end };
		}
		closedDays = opened ? 0 : closedDays + 1;
		date = date.plus({ days: 1 });
	}
}
