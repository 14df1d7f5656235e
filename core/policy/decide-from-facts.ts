import type { ConsentChange } from '../consent/consent-change';
import { newCustomerId } from '../identity/customer-id';
import type { Channel, Identity, Traits } from '../model';
import type { ChannelEngagement, MarketingSendTimes } from '../store/engagement-facts-sql';
import type { EngagementSend } from '../store/engagement-sends-sql';
import { renderMessage, whatsappTemplateFor, type EngagementRequest } from './campaign-message';
import { channelName } from './channel-names';
import { rankChannels } from './channel-choice';
import { consentRefusal } from './consent-check';
import type { BlockedCode, EngagementDecision, SendDecision } from './decision';
import { checkCaps } from './frequency-cap';
import { describeQuietHours, quietHoursAt } from './quiet-hours';
import { customerTimeZone } from './time-zone';

/** Everything a decision about one locked customer needs, read from the store in the transaction that holds the lock. */
export interface CustomerFacts {
	id: string;
	traits: Traits;
	identities: Identity[];
	/** Their consent now: the latest change of each channel and purpose. */
	consents: ConsentChange[];
	engagement: ChannelEngagement[];
	/** Their sends of the messages being decided, oldest first. */
	sends: EngagementSend[];
	/** Marketing sent since the furthest the caps look back. */
	marketing: MarketingSendTimes;
}

/** A send the decision claims: written by the caller, in the same transaction. */
export type NewSend = Omit<EngagementSend, 'outcome' | 'settledAt'>;

/** A batch decides at one time: its timestamp is written once, not for every send. */
let lastIso: { at: number; iso: string } | undefined;
const isoAt = (at: number) => (lastIso?.at === at ? lastIso.iso : (lastIso = { at, iso: new Date(at).toISOString() }).iso);

const OUTCOME_WORDS: Record<string, string> = { failed: 'failed', unconfirmed: 'no delivery confirmed' };

/**
 * The decision for one message to one customer, from their facts alone, and the send it claims
 * when it goes now. The message's earlier sends make it a step of its fallback chain: channels
 * tried are skipped, and the caps counted it on its first send.
 */
export function decideFromFacts(facts: CustomerFacts, request: EngagementRequest, now: number): { decision: EngagementDecision; send?: NewSend } {
	const { message, rules } = request;
	const { messageKey, purpose } = message;
	const customerId = facts.id;
	const earlier = facts.sends.filter((send) => send.messageKey === messageKey);
	const zone = customerTimeZone(facts, rules.defaultTimeZone);
	// Decisions are written field by field, not spread from a common base: on Node 20 each field
	// added after a spread builds the object's layout anew, and a campaign makes 100,000 of them.
	const { zone: timeZone, source: timeZoneSource } = zone;
	const blocked = (code: BlockedCode, reason: string, channels: { channel: Channel; reason: string }[] = []) => ({
		decision: { customerId, messageKey, purpose, timeZone, timeZoneSource, decision: 'blocked', code, reason, channels } as EngagementDecision,
	});

	const settled = earlier.find((send) => send.outcome === 'delivered' || send.outcome === 'read');
	if (settled) return blocked('already-sent', `already sent: ${settled.outcome} on ${channelName(settled.channel)} on ${settled.decidedAt.slice(0, 10)}`);
	const pending = earlier.find((send) => !send.settledAt);
	if (pending) return blocked('already-sent', `already sent on ${channelName(pending.channel)} at ${pending.decidedAt}, waiting for its delivery`);

	const tried = earlier.map((send) => send.channel);
	const { candidates, rejected } = rankChannels(
		{ identities: facts.identities, engagement: facts.engagement },
		{
			preference: rules.preference,
			routes: rules.routes,
			hasWhatsAppTemplate: whatsappTemplateFor(message, facts.traits) !== undefined,
			humanAgentTag: rules.humanAgentTag,
			refusal: (channel) => consentRefusal(facts.consents, channel, purpose, rules.consent),
			exclude: tried,
		},
		now,
	);
	const chosen = candidates[0];
	if (!chosen) {
		if (earlier.length) {
			const steps = earlier.map((send) => `${channelName(send.channel)} (${OUTCOME_WORDS[send.outcome ?? ''] ?? send.outcome})`).join(', ');
			return blocked('fallback-exhausted', `every channel was tried: ${steps}${rejected.length ? `; ${rejected.map((entry) => entry.reason).join('; ')}` : ''}`, rejected);
		}
		const consentOnly = rejected.length > 0 && rejected.every((entry) => entry.reason.startsWith('no consent'));
		if (consentOnly) return blocked('no-consent', rejected[0].reason, rejected);
		return blocked('unreachable', `no channel can reach them: ${rejected.map((entry) => entry.reason).join('; ') || 'no channel is selected'}`, rejected);
	}

	if (purpose === 'marketing' && !earlier.length && rules.caps.length) {
		const verdict = checkCaps(rules.caps, facts.marketing, now);
		if (verdict.reached) return blocked('cap-reached', verdict.reached.reason);
	}

	if (rules.quietHours && (purpose === 'marketing' || rules.quietHoursForTransactional)) {
		const quiet = quietHoursAt(rules.quietHours, zone.zone, now);
		if (quiet.quiet) {
			const reason = `quiet hours ${describeQuietHours(rules.quietHours)}: it is ${quiet.localTime} in ${zone.zone} (${zone.source === 'trait' ? 'their time zone' : zone.source === 'phone' ? `from their phone, ${zone.country}` : 'the default time zone'})`;
			return { decision: { customerId, messageKey, purpose, timeZone, timeZoneSource, decision: 'later', sendAt: quiet.sendAt!, channel: chosen.channel, reason } };
		}
	}

	const decidedAt = isoAt(now);
	const send: NewSend = {
		id: newCustomerId(),
		customerId,
		messageKey,
		channel: chosen.channel,
		recipient: chosen.recipient,
		purpose,
		content: request as unknown as Record<string, unknown>,
		decidedAt,
	};
	const rendered = renderMessage(message, chosen, facts.traits);
	const decision: SendDecision = {
		customerId,
		messageKey,
		purpose,
		timeZone,
		timeZoneSource,
		decision: 'send',
		channel: chosen.channel,
		route: chosen.route,
		recipient: chosen.recipient,
		form: chosen.form,
		language: rendered.language,
		text: rendered.text,
		reason: tried.length ? `${chosen.reason}, after ${tried.map(channelName).join(', ')}` : chosen.reason,
		tried,
		fallbackChannels: candidates.slice(1).map((candidate) => candidate.channel),
		sendId: send.id,
		decidedAt,
	};
	if (chosen.account) decision.account = chosen.account;
	if (rendered.subject) decision.subject = rendered.subject;
	if (rendered.template) decision.template = rendered.template;
	if (rendered.tag) decision.tag = rendered.tag;
	if (rendered.missingTraits) decision.missingTraits = rendered.missingTraits;
	return { decision, send };
}

/**
 * What a claimed send changes in the customer's facts, so that the next item of a batch about
 * the same customer sees it: the message is under way, and its first send counts under the caps.
 */
export function recordSend(facts: CustomerFacts, send: NewSend): void {
	const first = !facts.sends.some((earlier) => earlier.messageKey === send.messageKey);
	facts.sends.push(send);
	if (first && send.purpose === 'marketing') facts.marketing.claims.push(send.decidedAt);
}
