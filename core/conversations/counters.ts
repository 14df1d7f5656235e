/**
 * What a conversation counts of what happened in it: when the customer first wrote, when the
 * team first answered, the channels used, and whether the customer is waiting. Pure: the store
 * applies one activity at a time as events arrive, and replays a history when an unmerge takes
 * part of it away.
 */

/** Per channel, the customer's last message there and the team's last one. */
export interface ChannelActivity {
	lastInboundAt?: string;
	lastOutboundAt?: string;
}

export interface ConversationCounters {
	firstInboundAt: string | null;
	/** The first answer by a person of the team (an agent), whatever the channel. */
	firstResponseAt: string | null;
	channels: Record<string, ChannelActivity>;
	/** The channel the customer last wrote on (or, before they write, the one we first wrote on). */
	lastChannel: string | null;
	/** How often the customer moved to another channel. */
	channelSwitches: number;
	/** Since when the customer has waited for an agent's answer; null: nobody is waiting. */
	waitingSince: string | null;
}

/** A message, button press or call in a conversation, as far as its counters care. */
export interface Activity {
	direction: 'inbound' | 'outbound';
	channel: string;
	/** ISO 8601. */
	at: string;
	/** Written by a person of the team: it answers the customer. Bots and automations don't. */
	byAgent: boolean;
}

export const NO_COUNTERS: ConversationCounters = {
	firstInboundAt: null,
	firstResponseAt: null,
	channels: {},
	lastChannel: null,
	channelSwitches: 0,
	waitingSince: null,
};

/** Event types that are part of the conversation; statuses and consent changes are not. */
export const CONVERSATION_EVENT_TYPES: readonly string[] = ['message', 'action', 'call'];

const millis = (at: string) => Date.parse(at);
const earliest = (a: string | null | undefined, b: string | null | undefined) => (a == null ? (b ?? null) : b == null || millis(a) <= millis(b) ? a : b);
const latest = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || millis(a) >= millis(b) ? a : b);

function latestInbound(channels: Record<string, ChannelActivity>): string | undefined {
	return Object.values(channels).reduce<string | undefined>((last, activity) => latest(last, activity.lastInboundAt), undefined);
}

/**
 * The counters after one more activity. Webhooks may arrive late and out of order: times are
 * kept as the earliest or latest seen, and a message older than the customer's last one
 * neither moves the conversation to its channel nor counts as a switch.
 */
export function countActivity(counters: ConversationCounters, activity: Activity): ConversationCounters {
	const { channel, at } = activity;
	const before = counters.channels[channel] ?? {};
	if (activity.direction === 'inbound') {
		const newest = latestInbound(counters.channels);
		const isNewest = newest === undefined || millis(at) >= millis(newest);
		const switched = isNewest && newest !== undefined && counters.lastChannel !== null && counters.lastChannel !== channel;
		return {
			...counters,
			firstInboundAt: earliest(counters.firstInboundAt, at),
			channels: { ...counters.channels, [channel]: { ...before, lastInboundAt: latest(before.lastInboundAt, at) } },
			lastChannel: isNewest ? channel : counters.lastChannel,
			channelSwitches: counters.channelSwitches + (switched ? 1 : 0),
			waitingSince: earliest(counters.waitingSince, at),
		};
	}
	// An agent's answer ends the wait it answers; one written before the customer's message does not.
	const answers = activity.byAgent && counters.waitingSince !== null && millis(at) >= millis(counters.waitingSince);
	return {
		...counters,
		firstResponseAt: activity.byAgent ? earliest(counters.firstResponseAt, at) : counters.firstResponseAt,
		channels: { ...counters.channels, [channel]: { ...before, lastOutboundAt: latest(before.lastOutboundAt, at) } },
		lastChannel: counters.lastChannel ?? channel,
		waitingSince: answers ? null : counters.waitingSince,
	};
}

/** The counters of a history, oldest activity first. */
export function replayActivities(activities: Activity[]): ConversationCounters {
	const ordered = [...activities].sort((a, b) => millis(a.at) - millis(b.at));
	return ordered.reduce(countActivity, NO_COUNTERS);
}

/**
 * The counters of a conversation that took others in (a merge brought the customer's two
 * conversations together): earliest first message and answer, every channel's latest times,
 * the switches of both, the longest wait; the channel stays the newer conversation's.
 */
export function combineCounters(newer: ConversationCounters, older: ConversationCounters[]): ConversationCounters {
	return older.reduce<ConversationCounters>(
		(combined, other) => ({
			firstInboundAt: earliest(combined.firstInboundAt, other.firstInboundAt),
			firstResponseAt: earliest(combined.firstResponseAt, other.firstResponseAt),
			channels: combineChannels(combined.channels, other.channels),
			lastChannel: combined.lastChannel ?? other.lastChannel,
			channelSwitches: combined.channelSwitches + other.channelSwitches,
			waitingSince: earliest(combined.waitingSince, other.waitingSince),
		}),
		countersOf(newer),
	);
}

/** Just the counters of a conversation. */
export function countersOf({ firstInboundAt, firstResponseAt, channels, lastChannel, channelSwitches, waitingSince }: ConversationCounters): ConversationCounters {
	return { firstInboundAt, firstResponseAt, channels, lastChannel, channelSwitches, waitingSince };
}

function combineChannels(a: Record<string, ChannelActivity>, b: Record<string, ChannelActivity>): Record<string, ChannelActivity> {
	const combined = { ...a };
	for (const [channel, activity] of Object.entries(b)) {
		const mine = combined[channel] ?? {};
		const inbound = latest(mine.lastInboundAt, activity.lastInboundAt);
		const outbound = latest(mine.lastOutboundAt, activity.lastOutboundAt);
		combined[channel] = { ...(inbound && { lastInboundAt: inbound }), ...(outbound && { lastOutboundAt: outbound }) };
	}
	return combined;
}

/** An event of the history as an activity of its conversation; undefined for statuses and consent changes. */
export function activityOf(event: { type: string; direction: 'inbound' | 'outbound'; channel: string; occurredAt: string; authorType?: string | null }): Activity | undefined {
	if (!CONVERSATION_EVENT_TYPES.includes(event.type)) return undefined;
	return { direction: event.direction, channel: event.channel, at: event.occurredAt, byAgent: event.authorType === 'agent' };
}
