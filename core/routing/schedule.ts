import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { formatInterval, MINUTES_PER_DAY, parseInterval, type OpenInterval } from './clock-time';

/**
 * A queue's opening hours, as written in the JSON of `queues import` and checked here: a time
 * zone, the hours of each weekday, and holidays (closed all day, or open at special hours).
 * A shift belongs to the day it starts on: Friday's "22:00-06:00" runs into Saturday morning,
 * even when Saturday is a holiday.
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Holiday {
	/** The date in the schedule's time zone, YYYY-MM-DD. */
	date: string;
	/** Open at these hours instead of the weekday's; absent: closed the whole day. */
	hours?: OpenInterval[];
}

export interface BusinessSchedule {
	/** IANA time zone, such as "America/Sao_Paulo". */
	timeZone: string;
	weekly: Record<Weekday, OpenInterval[]>;
	holidays: Holiday[];
}

const WEEK_MINUTES = 7 * MINUTES_PER_DAY;

const intervalSchema = z.string({ invalid_type_error: 'must be text such as "09:00-18:00"' }).transform((text, context) => {
	const interval = parseInterval(text);
	if (typeof interval === 'string') {
		context.addIssue({ code: z.ZodIssueCode.custom, message: interval });
		return z.NEVER;
	}
	return interval;
});

const intervalsSchema = z.array(intervalSchema, { invalid_type_error: 'must be a list of intervals such as ["09:00-12:00", "13:00-18:00"]' });

/** The first pair of intervals that share time, each placed `offset` minutes into a cycle of `cycle` minutes (0: no cycle). */
function firstOverlap<Entry extends { at: number; interval: OpenInterval; label: string }>(intervals: Entry[], cycle: number) {
	const placed = intervals.map((entry) => ({ ...entry, start: entry.at + entry.interval.start, end: entry.at + entry.interval.end })).sort((a, b) => a.start - b.start);
	for (let index = 1; index < placed.length; index++) {
		if (placed[index].start < placed[index - 1].end) return [placed[index - 1], placed[index]];
	}
	// The last shift of the week may run past Sunday midnight into Monday's first one.
	if (cycle && placed.length > 1 && placed[placed.length - 1].end - cycle > placed[0].start) return [placed[placed.length - 1], placed[0]];
	return undefined;
}

const overlapMessage = (first: { label: string; interval: OpenInterval }, second: { label: string; interval: OpenInterval }) =>
	`has ${formatInterval(second.interval)}, which overlaps ${first.label}${formatInterval(first.interval)}: join them into one interval or move one`;

const weeklySchema = z
	.object(Object.fromEntries(WEEKDAYS.map((day) => [day, intervalsSchema.default([])])) as Record<Weekday, z.ZodDefault<typeof intervalsSchema>>, {
		required_error: 'is missing: give the hours of each weekday, such as {"monday": ["09:00-18:00"]}',
		invalid_type_error: 'must be an object such as {"monday": ["09:00-18:00"]}',
	})
	.strict(`has an unknown day {keys}: use ${WEEKDAYS.join(', ')}`)
	.superRefine((weekly, context) => {
		const entries = WEEKDAYS.flatMap((day, index) => weekly[day].map((interval) => ({ at: index * MINUTES_PER_DAY, interval, label: `${day} `, day })));
		const overlap = firstOverlap(entries, WEEK_MINUTES);
		if (overlap) context.addIssue({ code: z.ZodIssueCode.custom, path: [overlap[1].day], message: overlapMessage(overlap[0], overlap[1]) });
	});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateSchema = z
	.string({ invalid_type_error: 'must be a date such as "2026-12-25"' })
	.refine((text) => DATE.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid, (text) => ({ message: `"${text}" is not a date: write YYYY-MM-DD, such as "2026-12-25"` }));

/** A holiday is a date alone (closed all day) or a date with special hours. */
const holidaySchema = z.preprocess(
	(value) => (typeof value === 'string' ? { date: value } : value),
	z
		.object({ date: dateSchema, hours: intervalsSchema.optional() }, {
			invalid_type_error: 'must be a date such as "2026-12-25", or {"date": "2026-12-24", "hours": ["09:00-13:00"]}',
			required_error: 'must be a date such as "2026-12-25"',
		})
		.strict('has an unknown field {keys}: a holiday has "date" and, for special hours, "hours"')
		.superRefine((holiday, context) => {
			const overlap = firstOverlap((holiday.hours ?? []).map((interval) => ({ at: 0, interval, label: '' })), 0);
			if (overlap) context.addIssue({ code: z.ZodIssueCode.custom, path: ['hours'], message: overlapMessage(overlap[0], overlap[1]) });
		}),
);

export const businessScheduleSchema = z
	.object(
		{
			timeZone: z
				.string({ required_error: 'is missing: give an IANA time zone such as "America/Sao_Paulo"', invalid_type_error: 'must be text such as "Europe/Warsaw"' })
				.refine((zone) => IANAZone.isValidZone(zone), (zone) => ({ message: `"${zone}" is not a time zone: use an IANA name such as "America/New_York" or "Europe/Warsaw"` })),
			weekly: weeklySchema,
			holidays: z.array(holidaySchema, { invalid_type_error: 'must be a list of dates such as ["2026-12-25"]' }).default([]),
		},
		{ invalid_type_error: 'must be an object such as {"timeZone": "Europe/Warsaw", "weekly": {"monday": ["09:00-18:00"]}}' },
	)
	.strict('has an unknown field {keys}: a schedule has "timeZone", "weekly" and "holidays"')
	.superRefine((schedule, context) => {
		const seen = new Set<string>();
		schedule.holidays.forEach((holiday, index) => {
			if (seen.has(holiday.date)) context.addIssue({ code: z.ZodIssueCode.custom, path: ['holidays', index], message: `lists ${holiday.date} twice: keep one entry per date` });
			seen.add(holiday.date);
		});
		const opensSomeDay = WEEKDAYS.some((day) => schedule.weekly[day].length > 0) || schedule.holidays.some((holiday) => holiday.hours?.length);
		if (!opensSomeDay) context.addIssue({ code: z.ZodIssueCode.custom, path: ['weekly'], message: 'has no open hours on any day: the queue would never open' });
	});

export type BusinessScheduleInput = z.input<typeof businessScheduleSchema>;

const pathText = (path: (string | number)[]) => path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part)).join('');

/** Reads a schedule from its JSON; throws an Error naming the field to fix and how, such as `weekly.monday[1] "25:00" is not a time…`. */
export function parseBusinessSchedule(value: unknown): BusinessSchedule {
	const parsed = businessScheduleSchema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const keys = issue.code === z.ZodIssueCode.unrecognized_keys ? issue.keys.map((key) => `"${key}"`).join(', ') : '';
	const message = issue.message.replace('{keys}', keys);
	const path = pathText(issue.path);
	throw new Error(path ? `${path} ${message}` : `the schedule ${message}`);
}
