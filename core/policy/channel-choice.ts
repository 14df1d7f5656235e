import { sendAllowance } from '../channels/session-window';
import { sessionWindowOf } from '../channels/outbound-registry';
import type { OutboundRoute } from '../channels/outbound-types';
import type { Channel, Identity } from '../model';
import { channelName } from './channel-names';

/** The channels a campaign can go out on, and the route each takes by default. */
export const CAMPAIGN_ROUTES: Readonly<Partial<Record<Channel, OutboundRoute>>> = {
	whatsapp: 'whatsappCloud',
	sms: 'twilio',
	email: 'email',
	messenger: 'messenger',
	instagram: 'instagram',
	telegram: 'telegram',
};
export const CAMPAIGN_CHANNELS = Object.keys(CAMPAIGN_ROUTES) as Channel[];

/** Where a channel reaches the customer: the recipient its sender takes, and our account for scoped ids. */
export interface ChannelAddress {
	recipient: string;
	account?: string;
}

/** The customer's address on a channel, from their identifiers; undefined when the channel can't reach them. */
export function addressOn(channel: Channel, identities: Identity[]): ChannelAddress | undefined {
	const first = (kind: Identity['kind']) => identities.find((identity) => identity.kind === kind)?.value;
	if (channel === 'whatsapp' || channel === 'sms') {
		const phone = first('phone');
		return phone ? { recipient: phone } : undefined;
	}
	if (channel === 'email' || channel === 'telegram') {
		const value = first(channel);
		return value ? { recipient: value } : undefined;
	}
	if (channel === 'messenger' || channel === 'instagram') {
		// Stored "<pageId>:<psid>" (Messenger) or "<igAccountId>:<igsid>" (Instagram): the page or account sends.
		const scoped = first(channel);
		const colon = scoped?.indexOf(':') ?? -1;
		return scoped && colon > 0 ? { account: scoped.slice(0, colon), recipient: scoped.slice(colon + 1) } : undefined;
	}
	return undefined;
}

/** How the message goes out on a channel: as written, as an approved template, or with the HUMAN_AGENT tag. */
export type SendForm = 'text' | 'template' | 'tagged';

export interface ChannelCandidate extends ChannelAddress {
	channel: Channel;
	route: OutboundRoute;
	form: SendForm;
	/** When the customer last wrote or read on this channel; the ranking's first key. */
	engagedAt?: string;
	/** Why this channel, in words. */
	reason: string;
}

export interface ChannelFacts {
	identities: Identity[];
	/** Per channel: the customer's last message and last read receipt. */
	engagement: { channel: Channel; lastInboundAt?: string; lastReadAt?: string }[];
}

export interface ChannelChoiceRules {
	/** The channels to use, cheapest or preferred first; the order decides between channels with no engagement, or equal. */
	preference: Channel[];
	/** The route each channel sends through (WhatsApp through the Cloud API or Evolution). */
	routes?: Partial<Record<Channel, OutboundRoute>>;
	/** Whether a WhatsApp template exists in the message's language: what a closed window needs. */
	hasWhatsAppTemplate: boolean;
	/** Messenger and Instagram after 24 hours: the HUMAN_AGENT tag, meant for a person answering. */
	humanAgentTag?: boolean;
	/** Why a channel may not carry this message (consent), or undefined. */
	refusal?: (channel: Channel) => string | undefined;
	/** Channels already tried for this message. */
	exclude?: Channel[];
}

const ago = (at: string, now: number) => {
	const hours = Math.max(0, Math.round((now - Date.parse(at)) / 3_600_000));
	return hours < 1 ? 'less than an hour ago' : hours < 48 ? `${hours} hour${hours === 1 ? '' : 's'} ago` : `${Math.round(hours / 24)} days ago`;
};

/**
 * The channels that can carry the message now, best first, and why each other channel can't.
 * Best: the channel the customer last wrote or read on, then the marketer's order. A channel
 * with a session window (WhatsApp Cloud, Messenger, Instagram; see core/channels/session-window)
 * sends text inside it and, outside, a template or the HUMAN_AGENT tag when allowed.
 */
export function rankChannels(facts: ChannelFacts, rules: ChannelChoiceRules, now: number): { candidates: ChannelCandidate[]; rejected: { channel: Channel; reason: string }[] } {
	const candidates: ChannelCandidate[] = [];
	const rejected: { channel: Channel; reason: string }[] = [];
	for (const channel of [...new Set(rules.preference)]) {
		if (rules.exclude?.includes(channel)) continue;
		const route = rules.routes?.[channel] ?? CAMPAIGN_ROUTES[channel];
		const address = addressOn(channel, facts.identities);
		if (!route || !address) {
			rejected.push({ channel, reason: `${channelName(channel)}: the customer has no identifier it can reach` });
			continue;
		}
		const refusal = rules.refusal?.(channel);
		if (refusal) {
			rejected.push({ channel, reason: refusal });
			continue;
		}
		const seen = facts.engagement.find((entry) => entry.channel === channel);
		const allowance = sendAllowance(sessionWindowOf(route, channel), seen?.lastInboundAt, now);
		const engagedAt = [seen?.lastInboundAt, seen?.lastReadAt].filter((at): at is string => !!at).sort().pop();
		const heard = engagedAt ? `engaged ${ago(engagedAt, now)}` : 'no engagement yet';
		let form: SendForm;
		let how: string;
		if (allowance.allowed === 'free') [form, how] = ['text', allowance.untilMs ? 'free text inside the 24-hour window' : 'free text'];
		else if (allowance.allowed === 'template' && rules.hasWhatsAppTemplate) [form, how] = ['template', 'a template: the 24-hour window is closed'];
		else if (allowance.allowed === 'tag' && rules.humanAgentTag) [form, how] = ['tagged', 'the HUMAN_AGENT tag: the 24-hour window is closed'];
		else {
			const why =
				allowance.allowed === 'template'
					? 'the 24-hour window is closed and there is no template in the message\'s language'
					: allowance.allowed === 'tag'
						? 'the 24-hour window is closed (only a person may answer, with the HUMAN_AGENT tag)'
						: allowance.allowed === 'nothing'
							? allowance.reason.charAt(0).toLowerCase() + allowance.reason.slice(1)
							: 'it cannot send now';
			rejected.push({ channel, reason: `${channelName(channel)}: ${why}` });
			continue;
		}
		candidates.push({ channel, route, ...address, form, ...(engagedAt ? { engagedAt } : {}), reason: `${channelName(channel)}, ${heard}: ${how}` });
	}
	// A stable sort: engaged channels, most recent first, then the marketer's order.
	candidates.sort((a, b) => (b.engagedAt ?? '').localeCompare(a.engagedAt ?? ''));
	return { candidates, rejected };
}
