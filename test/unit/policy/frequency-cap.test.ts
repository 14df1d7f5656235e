import { checkCaps, validCaps } from '../../../core';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();
const CAPS = [
	{ limit: 1, hours: 24 },
	{ limit: 3, hours: 168 },
];

describe('frequency caps across channels', () => {
	it('lets the first message of the day through, not the second', () => {
		expect(checkCaps(CAPS, { claims: [], history: [] }, NOW)).toEqual({});
		expect(checkCaps(CAPS, { claims: [hoursAgo(25)], history: [] }, NOW)).toEqual({});
		expect(checkCaps(CAPS, { claims: [hoursAgo(23)], history: [] }, NOW).reached?.reason).toBe(
			'cap reached: 1 marketing message in the last 24 hours, and the limit is 1 a day',
		);
	});

	it('counts a week of messages against the weekly cap', () => {
		const verdict = checkCaps(CAPS, { claims: [hoursAgo(30), hoursAgo(60), hoursAgo(100)], history: [] }, NOW);
		expect(verdict.reached).toMatchObject({ cap: { limit: 3, hours: 168 }, count: 3 });
		expect(verdict.reached?.reason).toBe('cap reached: 3 marketing messages in the last 168 hours, and the limit is 3 a week');
	});

	it('counts messages sent outside the policy, and its own sent messages once, taking the larger count', () => {
		// Two sent by hand this week (only in the history) and one by the policy that a sender also recorded.
		const sent = { claims: [hoursAgo(30)], history: [hoursAgo(30), hoursAgo(50), hoursAgo(70)] };
		expect(checkCaps(CAPS, sent, NOW).reached?.count).toBe(3);
		expect(checkCaps([{ limit: 4, hours: 168 }], sent, NOW)).toEqual({});
	});

	it('refuses caps that are not whole numbers', () => {
		expect(validCaps([{ limit: 1.5, hours: 24 }])).toMatch(/whole number of messages/);
		expect(validCaps([{ limit: 1, hours: 0 }])).toMatch(/at least 1/);
		expect(validCaps(CAPS)).toEqual(CAPS);
	});
});
