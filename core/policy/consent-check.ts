import type { ConsentChange } from '../consent/consent-change';
import type { Channel } from '../model';
import { channelName } from './channel-names';

export type MessagePurpose = 'marketing' | 'transactional';

export interface ConsentRules {
	/** Strict regimes: marketing goes only where the customer said yes, on that channel. */
	marketingNeedsOptIn?: boolean;
	/**
	 * An opt-out of marketing on one channel counts on every channel (the default: the customer
	 * is one person); false honours it on its own channel only.
	 */
	optOutOnOneChannelCountsEverywhere?: boolean;
}

const day = (at: string) => at.slice(0, 10);

/** The latest of these changes (the trail's latest changes, per channel and purpose). */
function latest(changes: Pick<ConsentChange, 'changedAt'>[]): (typeof changes)[number] | undefined {
	return changes.reduce<(typeof changes)[number] | undefined>((best, change) => (!best || change.changedAt > best.changedAt ? change : best), undefined);
}

/**
 * Whether a message of `purpose` may go to the customer on `channel`, given their consent now
 * (the latest change of each channel and purpose, see latestConsentChanges). Undefined: it may;
 * else the reason in words. A change of purpose `all` covers both purposes (an SMS STOP).
 * Without a change a message may go, unless marketing needs an explicit opt-in.
 */
export function consentRefusal(current: ConsentChange[], channel: Channel, purpose: MessagePurpose, rules: ConsentRules = {}): string | undefined {
	const covers = (change: ConsentChange) => change.purpose === purpose || change.purpose === 'all';
	const own = current.filter((change) => change.channel === channel && covers(change));
	// Another channel's opt-out counts unless this channel's own later change says otherwise.
	const elsewhere =
		purpose === 'marketing' && rules.optOutOnOneChannelCountsEverywhere !== false
			? current.filter((change) => change.channel !== channel && covers(change) && change.state === 'unsubscribed')
			: [];
	const decisive = latest([...own, ...elsewhere]) as ConsentChange | undefined;
	if (decisive?.state === 'unsubscribed') {
		const what = decisive.purpose === 'all' ? 'every message' : `${decisive.purpose} messages`;
		const where = decisive.channel === channel ? `on ${channelName(channel)}` : `on ${channelName(decisive.channel)}, which counts on every channel`;
		return `no consent: the customer opted out of ${what} ${where} on ${day(decisive.changedAt)} (${decisive.source})`;
	}
	if (purpose === 'marketing' && rules.marketingNeedsOptIn && decisive?.state !== 'subscribed') {
		return `no consent: marketing needs an explicit opt-in, and the customer never opted in on ${channelName(channel)}`;
	}
	return undefined;
}
