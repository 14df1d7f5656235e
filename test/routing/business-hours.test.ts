import { DateTime } from 'luxon';
import { addBusinessTime, businessMinutesBetween, isOpen, nextOpening } from '../../core/routing/business-hours';
import { parseBusinessSchedule, type BusinessScheduleInput } from '../../core/routing/schedule';

const schedule = (input: Omit<BusinessScheduleInput, 'weekly'> & { weekly?: BusinessScheduleInput['weekly'] }) =>
	parseBusinessSchedule({ weekly: {}, ...input });

/** A wall-clock time in the zone, as an instant. */
const local = (zone: string, text: string) => DateTime.fromISO(text, { zone }).toJSDate();
const localText = (zone: string, date: Date | undefined) => date && DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

const WEEKDAYS_9_TO_18 = { monday: ['09:00-18:00'], tuesday: ['09:00-18:00'], wednesday: ['09:00-18:00'], thursday: ['09:00-18:00'], friday: ['09:00-18:00'] };
const EVERY_DAY = (hours: string[]) => Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [day, hours]));

describe('business hours: a 09:00-18:00 day is nine hours of local wall-clock time, on the days clocks change too', () => {
	it.each([
		// New York springs forward on Sunday 8 March 2026 and falls back on Sunday 1 November 2026.
		['America/New_York', '2026-03-08'],
		['America/New_York', '2026-11-01'],
		// Warsaw changes on the last Sundays of March and October.
		['Europe/Warsaw', '2026-03-29'],
		['Europe/Warsaw', '2026-10-25'],
		// São Paulo had DST until 2019, and its clocks changed at midnight.
		['America/Sao_Paulo', '2018-11-04'],
		['America/Sao_Paulo', '2019-02-17'],
	])('%s on %s', (timeZone, date) => {
		const open = schedule({ timeZone, weekly: EVERY_DAY(['09:00-18:00']) });
		expect(businessMinutesBetween(open, local(timeZone, `${date}T00:00`), local(timeZone, `${date}T23:59`))).toBe(9 * 60);
		expect(isOpen(open, local(timeZone, `${date}T08:59`))).toBe(false);
		expect(isOpen(open, local(timeZone, `${date}T09:00`))).toBe(true);
		expect(isOpen(open, local(timeZone, `${date}T17:59`))).toBe(true);
		expect(isOpen(open, local(timeZone, `${date}T18:00`))).toBe(false);
		expect(localText(timeZone, addBusinessTime(open, local(timeZone, `${date}T08:00`), 9 * 60))).toBe(`${date}T18:00`);
	});

	it.each([
		['America/New_York', '2026-03-07', '2026-03-08', 7],
		['America/New_York', '2026-10-31', '2026-11-01', 9],
		['Europe/Warsaw', '2026-03-28', '2026-03-29', 7],
		['Europe/Warsaw', '2026-10-24', '2026-10-25', 9],
		['America/Sao_Paulo', '2018-11-03', '2018-11-04', 7],
	])('a 22:00-06:00 shift in %s, night of %s to %s, is the real time between its wall-clock ends: %i hours', (timeZone, night, morning, hours) => {
		const open = schedule({ timeZone, weekly: EVERY_DAY(['22:00-06:00']) });
		const from = local(timeZone, `${night}T21:00`);
		const to = local(timeZone, `${morning}T07:00`);
		expect(businessMinutesBetween(open, from, to)).toBe(hours * 60);
		expect(localText(timeZone, addBusinessTime(open, from, hours * 60))).toBe(`${morning}T06:00`);
	});

	it('São Paulo, 4 November 2018: a whole day 00:00-24:00 had 23 hours, as midnight did not exist', () => {
		const open = schedule({ timeZone: 'America/Sao_Paulo', weekly: { sunday: ['00:00-24:00'] } });
		expect(businessMinutesBetween(open, '2018-11-03T12:00:00Z', '2018-11-06T12:00:00Z')).toBe(23 * 60);
		expect(localText('America/Sao_Paulo', nextOpening(open, '2018-11-03T12:00:00Z'))).toBe('2018-11-04T01:00');
	});
});

describe('business hours: opening, holidays and overnight shifts', () => {
	const zone = 'Europe/Warsaw';
	const support = schedule({
		timeZone: zone,
		weekly: { ...WEEKDAYS_9_TO_18, friday: ['09:00-12:00', '13:00-18:00'] },
		holidays: ['2026-12-25', { date: '2026-12-24', hours: ['09:00-13:00'] }],
	});

	it.each([
		['Friday morning', '2026-12-18T10:00', true, '2026-12-18T10:00'],
		['Friday lunch break', '2026-12-18T12:30', false, '2026-12-18T13:00'],
		['Friday evening: next opening is Monday', '2026-12-18T18:00', false, '2026-12-21T09:00'],
		['Christmas Eve afternoon: special hours ended at 13:00', '2026-12-24T14:00', false, '2026-12-28T09:00'],
		['Christmas Eve morning', '2026-12-24T12:59', true, '2026-12-24T12:59'],
		['Christmas Day, a Friday: closed all day', '2026-12-25T10:00', false, '2026-12-28T09:00'],
	])('%s', (_, at, open, opening) => {
		expect(isOpen(support, local(zone, at))).toBe(open);
		expect(localText(zone, nextOpening(support, local(zone, at)))).toBe(opening);
	});

	it('a due time skips nights, weekends and holidays', () => {
		// Wednesday 23 Dec 17:00: 1 hour that day, 4 on Christmas Eve, none on Christmas Day or the weekend.
		expect(localText(zone, addBusinessTime(support, local(zone, '2026-12-23T17:00'), 8 * 60))).toBe('2026-12-28T12:00');
		expect(businessMinutesBetween(support, local(zone, '2026-12-23T17:00'), local(zone, '2026-12-28T12:00'))).toBe(8 * 60);
	});

	it('0 minutes of business time is the next opening; a time closing exactly when the day ends is that end, not the next day', () => {
		expect(localText(zone, addBusinessTime(support, local(zone, '2026-12-19T10:00'), 0))).toBe('2026-12-21T09:00');
		expect(localText(zone, addBusinessTime(support, local(zone, '2026-12-21T09:00'), 9 * 60))).toBe('2026-12-21T18:00');
	});

	it('an overnight shift runs into the next day, and belongs to the day it starts on', () => {
		const nights = schedule({ timeZone: zone, weekly: { friday: ['22:00-06:00'] }, holidays: ['2026-12-26'] });
		expect(isOpen(nights, local(zone, '2026-12-26T05:59'))).toBe(true); // Friday's shift, on a Saturday holiday
		expect(isOpen(nights, local(zone, '2026-12-26T06:00'))).toBe(false);
		expect(localText(zone, nextOpening(nights, local(zone, '2026-12-26T06:00')))).toBe('2027-01-01T22:00');
		expect(localText(zone, addBusinessTime(nights, local(zone, '2026-12-25T23:00'), 8 * 60))).toBe('2027-01-01T23:00');
	});

	it('a Sunday night shift runs into Monday morning across the week boundary', () => {
		const nights = schedule({ timeZone: zone, weekly: { sunday: ['20:00-02:00'], monday: ['09:00-10:00'] } });
		expect(businessMinutesBetween(nights, local(zone, '2026-12-27T00:00'), local(zone, '2026-12-29T00:00'))).toBe(7 * 60);
	});

	it('moments may be ISO timestamps or milliseconds, and a bad one is named', () => {
		expect(isOpen(support, '2026-12-18T09:30:00Z')).toBe(true);
		expect(isOpen(support, Date.parse('2026-12-18T20:00:00Z'))).toBe(false);
		expect(() => isOpen(support, 'soon')).toThrow('"soon" is not a point in time');
	});

	it('business time to add must be a reasonable number of minutes', () => {
		expect(() => addBusinessTime(support, '2026-12-18T09:30:00Z', -1)).toThrow(RangeError);
		expect(() => addBusinessTime(support, '2026-12-18T09:30:00Z', Number.NaN)).toThrow('minutes must be a number');
	});
});

describe('a schedule that never opens does not loop forever', () => {
	// The schema refuses a schedule without hours, so this one is built by hand, as a store row could be.
	const never = { timeZone: 'UTC', weekly: { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] }, holidays: [] };
	const closedForAYear = schedule({
		timeZone: 'UTC',
		weekly: { monday: ['09:00-17:00'] },
		holidays: Array.from({ length: 60 }, (_, week) => DateTime.utc(2026, 1, 5).plus({ weeks: week }).toISODate()!),
	});

	it.each([
		['no hours on any day', never],
		['hours only on days that are all holidays for over a year', closedForAYear],
	])('%s: closed, no next opening, no due time, no business minutes', (_, closed) => {
		expect(isOpen(closed, '2026-01-05T10:00:00Z')).toBe(false);
		expect(nextOpening(closed, '2026-01-05T10:00:00Z')).toBeUndefined();
		expect(addBusinessTime(closed, '2026-01-05T10:00:00Z', 60)).toBeUndefined();
		expect(businessMinutesBetween(closed, '2026-01-05T10:00:00Z', '2027-01-05T10:00:00Z')).toBe(0);
	});
});
