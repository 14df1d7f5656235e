import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOpen } from '../../core/routing/business-hours';
import { parseBusinessSchedule } from '../../core/routing/schedule';

const valid = { timeZone: 'America/Sao_Paulo', weekly: { monday: ['09:00-18:00'] } };

describe('a schedule as written in JSON', () => {
	it('reads intervals, overnight shifts, "24:00", en dashes and holidays with or without special hours', () => {
		expect(
			parseBusinessSchedule({
				timeZone: 'Europe/Warsaw',
				weekly: { monday: ['09:00-12:00', '13:00 – 18:00'], friday: ['22:00-06:00'], sunday: ['00:00-24:00'] },
				holidays: ['2026-12-25', { date: '2026-12-24', hours: ['09:00-13:00'] }],
			}),
		).toEqual({
			timeZone: 'Europe/Warsaw',
			weekly: {
				monday: [{ start: 540, end: 720 }, { start: 780, end: 1080 }],
				tuesday: [],
				wednesday: [],
				thursday: [],
				friday: [{ start: 1320, end: 1800 }],
				saturday: [],
				sunday: [{ start: 0, end: 1440 }],
			},
			holidays: [{ date: '2026-12-25' }, { date: '2026-12-24', hours: [{ start: 540, end: 780 }] }],
		});
	});

	it.each([
		['a time zone that does not exist', { ...valid, timeZone: 'America/Sao Paulo' }, 'timeZone "America/Sao Paulo" is not a time zone: use an IANA name'],
		['a missing time zone', { weekly: valid.weekly }, 'timeZone is missing'],
		['a time out of range', { ...valid, weekly: { monday: ['09:00-25:00'] } }, 'weekly.monday[0] "25:00" is not a time: write HH:MM in 24-hour time'],
		['a time without its leading zero', { ...valid, weekly: { tuesday: ['9:00-18:00'] } }, 'weekly.tuesday[0] "9:00" is not a time'],
		['an interval written another way', { ...valid, weekly: { monday: ['9 to 6'] } }, 'weekly.monday[0] "9 to 6" is not an interval: write it as "09:00-18:00"'],
		['an empty interval', { ...valid, weekly: { monday: ['09:00-09:00'] } }, 'starts and ends at 09:00: for the whole day write "00:00-24:00"'],
		['overlapping intervals', { ...valid, weekly: { monday: ['09:00-18:00', '17:00-19:00'] } }, 'weekly.monday has 17:00-19:00, which overlaps monday 09:00-18:00'],
		['a night shift overlapping the next morning', { ...valid, weekly: { sunday: ['22:00-06:00'], monday: ['05:00-10:00'] } }, 'weekly.monday has 05:00-10:00, which overlaps sunday 22:00-06:00'],
		['an unknown day', { ...valid, weekly: { mon: ['09:00-18:00'] } }, 'weekly has an unknown day "mon": use monday, tuesday'],
		['no hours at all', { ...valid, weekly: {} }, 'weekly has no open hours on any day: the queue would never open'],
		['a date that does not exist', { ...valid, holidays: ['2026-02-30'] }, 'holidays[0].date "2026-02-30" is not a date: write YYYY-MM-DD'],
		['a bad special-hours time', { ...valid, holidays: [{ date: '2026-12-24', hours: ['09:00-13:60'] }] }, 'holidays[0].hours[0] "13:60" is not a time'],
		['one date listed twice', { ...valid, holidays: ['2026-12-25', { date: '2026-12-25', hours: ['10:00-12:00'] }] }, 'holidays[1] lists 2026-12-25 twice'],
		['an unknown field', { ...valid, timezone: 'UTC' }, 'the schedule has an unknown field "timezone"'],
	])('%s is refused, naming the field', (_, value, message) => {
		expect(() => parseBusinessSchedule(value)).toThrow(message);
	});
});

it('the README’s example schedule is valid: open on a Friday night, closed on Christmas Day', () => {
	const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
	const example = /## Routing, business hours[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1];
	const schedule = parseBusinessSchedule(JSON.parse(example));
	expect(isOpen(schedule, '2026-12-19T04:00:00Z')).toBe(true); // Saturday 01:00 in São Paulo, Friday's night shift
	expect(isOpen(schedule, '2026-12-25T15:00:00Z')).toBe(false);
});
