import { withConflictRetry } from '../identity/conflict-retry';
import type { Channel, Traits } from '../model';
import { latestConsentChanges } from '../store/consent-sql';
import { currentCustomerId } from '../store/customer-sql';
import type { Database, SqlClient } from '../store/database';
import { channelEngagement, customerIdentifiers, insertSend, marketingSendTimes, sendsOfMessage, type EngagementSend } from '../store/engagement-sends-sql';
import { lockCustomers } from '../store/graph-sql';
import { renderMessage, whatsappTemplateFor, type EngagementRequest } from './campaign-message';
import { channelName } from './channel-names';
import { rankChannels } from './channel-choice';
import { consentRefusal } from './consent-check';
import type { BlockedCode, EngagementDecision } from './decision';
import { capHorizon, checkCaps } from './frequency-cap';
import { describeQuietHours, quietHoursAt } from './quiet-hours';
import { customerTimeZone } from './time-zone';

/** A request the policy can't carry out as asked; the message says what to do instead. */
export class EngagementPolicyError extends Error {}

const OUTCOME_WORDS: Record<string, string> = { failed: 'failed', unconfirmed: 'no delivery confirmed' };

/** Locks the customer (following merges) until the transaction ends: decisions about one customer happen one at a time. */
export async function lockCustomer(tx: SqlClient, id: string): Promise<LockedCustomer> {
	const current = await currentCustomerId(tx, id.trim());
	if (!current) throw new EngagementPolicyError(`No customer with id "${id}": it may have been forgotten, or the id is mistyped`);
	const [locked] = await lockCustomers(tx, [current]);
	// Merged away between the look-up and the lock: the caller's retry finds the survivor.
	if (!locked || locked.merged_into) throw Object.assign(new Error('the customer was merged while deciding'), { code: '40001' });
	return { id: current, traits: locked.traits };
}

/** A customer whose row this transaction holds, with their traits as locked. */
export interface LockedCustomer {
	id: string;
	traits: Traits;
}

/**
 * The decision for one message to one locked customer, and the send it claims. The message's
 * earlier sends make it a step of its fallback chain: channels tried are skipped, and the caps
 * counted it on its first send. Everything is read inside the transaction that holds the
 * customer's lock, so two workers deciding for one customer never both pass a cap of 1.
 */
export async function decideLocked(tx: SqlClient, locked: LockedCustomer, request: EngagementRequest, now: number): Promise<EngagementDecision> {
	const { message, rules } = request;
	const customerId = locked.id;
	// One after the other: a transaction's connection runs one statement at a time.
	const customer = { traits: locked.traits, identities: await customerIdentifiers(tx, customerId) };
	const consents = await latestConsentChanges(tx, [customerId]);
	const engagement = await channelEngagement(tx, customerId);
	const earlier = await sendsOfMessage(tx, customerId, message.messageKey);
	const zone = customerTimeZone(customer, rules.defaultTimeZone);
	const base = { customerId, messageKey: message.messageKey, purpose: message.purpose, timeZone: zone.zone, timeZoneSource: zone.source };
	const blocked = (code: BlockedCode, reason: string, channels: { channel: Channel; reason: string }[] = []): EngagementDecision => ({ ...base, decision: 'blocked', code, reason, channels });

	const settled = earlier.find((send) => send.outcome === 'delivered' || send.outcome === 'read');
	if (settled) return blocked('already-sent', `already sent: ${settled.outcome} on ${channelName(settled.channel)} on ${settled.decidedAt.slice(0, 10)}`);
	const pending = earlier.find((send) => !send.settledAt);
	if (pending) return blocked('already-sent', `already sent on ${channelName(pending.channel)} at ${pending.decidedAt}, waiting for its delivery`);

	const tried = earlier.map((send) => send.channel);
	const { candidates, rejected } = rankChannels(
		{ identities: customer.identities, engagement },
		{
			preference: rules.preference,
			routes: rules.routes,
			hasWhatsAppTemplate: whatsappTemplateFor(message, customer.traits) !== undefined,
			humanAgentTag: rules.humanAgentTag,
			refusal: (channel) => consentRefusal(consents, channel, message.purpose, rules.consent),
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

	if (message.purpose === 'marketing' && !earlier.length && rules.caps.length) {
		const sent = await marketingSendTimes(tx, customerId, new Date(capHorizon(rules.caps, now)).toISOString());
		const verdict = checkCaps(rules.caps, sent, now);
		if (verdict.reached) return blocked('cap-reached', verdict.reached.reason);
	}

	if (rules.quietHours && (message.purpose === 'marketing' || rules.quietHoursForTransactional)) {
		const quiet = quietHoursAt(rules.quietHours, zone.zone, now);
		if (quiet.quiet) {
			const reason = `quiet hours ${describeQuietHours(rules.quietHours)}: it is ${quiet.localTime} in ${zone.zone} (${zone.source === 'trait' ? 'their time zone' : zone.source === 'phone' ? `from their phone, ${zone.country}` : 'the default time zone'})`;
			return { ...base, decision: 'later', sendAt: quiet.sendAt!, channel: chosen.channel, reason };
		}
	}

	const decidedAt = new Date(now).toISOString();
	const send = await insertSend(tx, { customerId, messageKey: message.messageKey, channel: chosen.channel, recipient: chosen.recipient, purpose: message.purpose, content: request as unknown as Record<string, unknown>, decidedAt });
	const { engagedAt: _engaged, reason, ...where } = chosen;
	return {
		...base,
		...renderMessage(message, chosen, customer.traits),
		...where,
		decision: 'send',
		reason: tried.length ? `${reason}, after ${tried.map(channelName).join(', ')}` : reason,
		tried,
		fallbackChannels: candidates.slice(1).map((candidate) => candidate.channel),
		sendId: send.id,
		decidedAt,
	};
}

/** Decisions about whom to message, when and on which channel, over one store. */
export class EngagementPolicy {
	constructor(readonly db: Database) {}

	/** Decides one message for one customer (an id; merged ids lead to the survivor), claiming its send when it goes now. */
	decide(customerId: string, request: EngagementRequest, now = Date.now()): Promise<EngagementDecision> {
		return withConflictRetry(() => this.db.transaction(async (tx) => await decideLocked(tx, await lockCustomer(tx, customerId), request, now)));
	}

	/** The customer's sends of a message, oldest first. */
	async sendsOf(customerId: string, messageKey: string): Promise<EngagementSend[]> {
		const id = await currentCustomerId(this.db, customerId.trim());
		return id ? await sendsOfMessage(this.db, id, messageKey) : [];
	}
}
