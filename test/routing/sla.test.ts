import { DateTime } from 'luxon';
import { parseBusinessSchedule } from '../../core/routing/schedule';
import { dueAt, slaStatus, slaTargetsSchema, type SlaTargets } from '../../core/routing/sla';

const zone = 'America/New_York';
const local = (text: string) => DateTime.fromISO(text, { zone }).toJSDate();
const localText = (date: Date | undefined) => date && DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

const weekdays = parseBusinessSchedule({
	timeZone: zone,
	weekly: { monday: ['09:00-17:00'], tuesday: ['09:00-17:00'], wednesday: ['09:00-17:00'], thursday: ['09:00-17:00'], friday: ['09:00-17:00'] },
	holidays: ['2026-11-26'],
});

describe('SLA due times: business hours skip closed time, calendar hours do not', () => {
	it.each([
		['business: Friday 16:30 + 60 min is Monday 09:30', { minutes: 60, clock: 'business' as const }, '2026-11-20T16:30', '2026-11-23T09:30'],
		['calendar: Friday 16:30 + 60 min is Friday 17:30', { minutes: 60, clock: 'calendar' as const }, '2026-11-20T16:30', '2026-11-20T17:30'],
		['business: Wednesday before Thanksgiving + 8 h is Friday', { minutes: 8 * 60, clock: 'business' as const }, '2026-11-25T13:00', '2026-11-27T13:00'],
		['calendar across the night clocks go back: 24 h is 23:00 local the next day', { minutes: 24 * 60, clock: 'calendar' as const }, '2026-10-31T23:59', '2026-11-01T22:59'],
	])('%s', (_, target, since, due) => {
		expect(localText(dueAt(target, weekdays, local(since)))).toBe(due);
	});
});

describe('SLA status of a conversation', () => {
	const targets: SlaTargets = {
		firstResponse: { minutes: 60, clock: 'business' },
		nextResponse: { minutes: 30, clock: 'calendar' },
		resolution: { minutes: 2 * 24 * 60, clock: 'calendar' },
	};
	const openedAt = local('2026-11-20T16:30'); // Friday

	it('Saturday noon, no answer yet: the business first response used 30 minutes on Friday and has 30 left on Monday; resolution counts the weekend', () => {
		const status = slaStatus(targets, weekdays, { openedAt }, local('2026-11-21T12:00'));
		expect(status.firstResponse).toEqual({ dueAt: local('2026-11-23T09:30'), done: false, breached: false, minutesLeft: 30 });
		expect(status.resolution).toEqual({ dueAt: local('2026-11-22T16:30'), done: false, breached: false, minutesLeft: 28 * 60 + 30 });
		expect(status.nextResponse).toBeUndefined();
	});

	it('Monday 10:00, still no answer: the first response is 30 business minutes overdue and resolution 17.5 hours', () => {
		const status = slaStatus(targets, weekdays, { openedAt }, local('2026-11-23T10:00'));
		expect(status.firstResponse).toMatchObject({ breached: true, done: false, minutesOverdue: 30 });
		expect(status.resolution).toMatchObject({ breached: true, minutesOverdue: 17 * 60 + 30 });
	});

	it('the same first response target in calendar hours was breached on Friday', () => {
		const status = slaStatus({ firstResponse: { minutes: 60, clock: 'calendar' } }, weekdays, { openedAt }, local('2026-11-21T12:00'));
		expect(status.firstResponse).toEqual({ dueAt: local('2026-11-20T17:30'), done: false, breached: true, minutesOverdue: 18 * 60 + 30 });
	});

	it('answered in time: met, and it stays met', () => {
		const status = slaStatus(targets, weekdays, { openedAt, firstInboundAt: openedAt, firstAgentResponseAt: local('2026-11-23T09:10') }, local('2026-11-30T12:00'));
		expect(status.firstResponse).toEqual({ dueAt: local('2026-11-23T09:30'), done: true, breached: false });
	});

	it('answered late: breached by how late the answer was, not by the time now', () => {
		const status = slaStatus(targets, weekdays, { openedAt, firstAgentResponseAt: local('2026-11-23T09:45') }, local('2026-11-30T12:00'));
		expect(status.firstResponse).toEqual({ dueAt: local('2026-11-23T09:30'), done: true, breached: true, minutesOverdue: 15 });
	});

	it('the next response counts from the customer’s message waiting for an answer, once the first was given', () => {
		const times = { openedAt, firstAgentResponseAt: local('2026-11-23T09:10'), awaitingReplySince: local('2026-11-23T11:00') };
		expect(slaStatus(targets, weekdays, times, local('2026-11-23T11:20')).nextResponse).toEqual({ dueAt: local('2026-11-23T11:30'), done: false, breached: false, minutesLeft: 10 });
		expect(slaStatus(targets, weekdays, times, local('2026-11-23T11:45')).nextResponse).toMatchObject({ breached: true, minutesOverdue: 15 });
	});

	it('resolved in time stops every clock', () => {
		const status = slaStatus(targets, weekdays, { openedAt, firstAgentResponseAt: local('2026-11-23T09:10'), resolvedAt: local('2026-11-22T10:00') }, local('2026-12-30T12:00'));
		expect(status.resolution).toEqual({ dueAt: local('2026-11-22T16:30'), done: true, breached: false });
	});

	it('a queue that never opens has no business due time, and is not reported breached', () => {
		const closed = { timeZone: 'UTC', weekly: { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] }, holidays: [] };
		expect(slaStatus({ firstResponse: { minutes: 60, clock: 'business' } }, closed, { openedAt }, local('2026-11-23T10:00')).firstResponse).toEqual({ dueAt: undefined, done: false, breached: false });
	});
});

describe('SLA targets as written in a queue’s JSON', () => {
	it('business hours by default', () => {
		expect(slaTargetsSchema.parse({ firstResponse: { minutes: 60 } })).toEqual({ firstResponse: { minutes: 60, clock: 'business' } });
	});

	it.each([
		[{ firstResponse: { minutes: 0 } }, ['firstResponse', 'minutes'], 'must be more than 0'],
		[{ resolution: { minutes: 60, clock: 'office' } }, ['resolution', 'clock'], 'must be "business" (only open hours count) or "calendar" (every hour counts)'],
	])('%j is refused at %j', (value, path, message) => {
		const parsed = slaTargetsSchema.safeParse(value);
		expect(parsed.success).toBe(false);
		expect(!parsed.success && parsed.error.issues[0]).toMatchObject({ path, message });
	});
});
