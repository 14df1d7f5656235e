import { countActivity, NO_COUNTERS, replayActivities, type Activity } from '../../core';

const inbound = (channel: string, at: string): Activity => ({ direction: 'inbound', channel, at, byAgent: false });
const agent = (channel: string, at: string): Activity => ({ direction: 'outbound', channel, at, byAgent: true });

describe('conversation counters', () => {
	it('takes a late-delivered older message into the times without calling it a channel switch', () => {
		const counters = [inbound('whatsapp', '2026-01-15T14:00:00Z'), inbound('email', '2026-01-15T14:10:00Z'), inbound('sms', '2026-01-15T14:05:00Z')].reduce(countActivity, NO_COUNTERS);
		expect(counters).toMatchObject({ lastChannel: 'email', channelSwitches: 1, firstInboundAt: '2026-01-15T14:00:00Z', channels: { sms: { lastInboundAt: '2026-01-15T14:05:00Z' } } });
	});

	it('ends a wait only with an answer written after the customer\'s message', () => {
		const early = [inbound('whatsapp', '2026-01-15T14:10:00Z'), agent('whatsapp', '2026-01-15T14:05:00Z')].reduce(countActivity, NO_COUNTERS);
		expect(early.waitingSince).toBe('2026-01-15T14:10:00Z');
		expect(countActivity(early, agent('email', '2026-01-15T14:20:00Z')).waitingSince).toBeNull();
	});

	it('replays a history to the counters its activities gave one by one', () => {
		const history = [inbound('whatsapp', '2026-01-15T14:00:00Z'), agent('whatsapp', '2026-01-15T14:02:00Z'), inbound('email', '2026-01-15T15:00:00Z')];
		expect(replayActivities([...history].reverse())).toEqual(history.reduce(countActivity, NO_COUNTERS));
	});
});
