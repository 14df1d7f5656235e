import type { OutboundRoute } from '../channels/outbound-types';
import type { Channel } from '../model';
import type { SendForm } from './channel-choice';
import type { RenderedMessage } from './campaign-message';
import type { MessagePurpose } from './consent-check';
import type { TimeZoneSource } from './time-zone';

/** Why a message is not sent, as a code a workflow can branch on; the decision's reason says it in words. */
export type BlockedCode = 'no-consent' | 'cap-reached' | 'unreachable' | 'already-sent' | 'fallback-exhausted';

interface DecisionBase {
	customerId: string;
	messageKey: string;
	purpose: MessagePurpose;
	timeZone: string;
	timeZoneSource: TimeZoneSource;
	/** Why, in words a marketer reads. */
	reason: string;
}

/** Send now: the channel and address, and the message as that channel takes it. */
export interface SendDecision extends DecisionBase, RenderedMessage {
	decision: 'send';
	channel: Channel;
	route: OutboundRoute;
	recipient: string;
	account?: string;
	form: SendForm;
	/** The channels tried before this one for the message (empty on its first send). */
	tried: Channel[];
	/** Where the message goes next if this channel fails, as things stand now. */
	fallbackChannels: Channel[];
	/** The send the store recorded: the slot under the caps and this step of the chain. */
	sendId: string;
	decidedAt: string;
}

/** Later: the end of the quiet hours in the customer's zone, for a Wait node's "until date". */
export interface LaterDecision extends DecisionBase {
	decision: 'later';
	sendAt: string;
	/** The channel it would take now. */
	channel: Channel;
}

export interface BlockedDecision extends DecisionBase {
	decision: 'blocked';
	code: BlockedCode;
	/** Each channel considered and why it can't carry the message. */
	channels: { channel: Channel; reason: string }[];
}

export type EngagementDecision = SendDecision | LaterDecision | BlockedDecision;
