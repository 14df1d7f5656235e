import { withConflictRetry } from '../identity/conflict-retry';
import type { CanonicalEvent } from '../model';
import type { Database } from '../store/database';
import { openSendOnChannel, sendById, settleSends, statusSince, unsettledSendsBefore, type EngagementSend } from '../store/engagement-sends-sql';
import type { EngagementRequest } from './campaign-message';
import type { EngagementDecision } from './decision';
import { decideLocked, lockCustomer } from './engagement-policy';

/**
 * The fallback chain: a message that fails on one channel goes on to the next, at most once per
 * channel, and stops as soon as one channel delivers it. Two ways in: a failed status reported
 * (WhatsApp undeliverable, Twilio undelivered, an e-mail bounce), at once; and a sweep that finds
 * sends with no delivered (or read) status after some minutes. Both take the customer's lock, so
 * the two never move one message on twice.
 */

/** What confirms a send: delivered (a read message was delivered too) or read only. */
export type DeliveryConfirmation = 'delivered' | 'read';

const confirming = (confirmation: DeliveryConfirmation) => (confirmation === 'read' ? ['read'] : ['delivered', 'read']);

/** What a status did to its send: nothing (no send of ours), settled it, or moved its message on. */
export type StatusOutcome =
	| { action: 'ignored'; reason: string }
	| { action: 'settled'; send: EngagementSend; outcome: 'delivered' | 'read' }
	| { action: 'fell-back'; send: EngagementSend; decision: EngagementDecision };

const requestOf = (send: EngagementSend) => send.content as unknown as EngagementRequest;

/**
 * A status event of a customer (from Customer Merge): a failure moves the customer's latest
 * open send on that channel to the next channel; a delivery or a read settles its message.
 */
export function fallbackOnStatus(db: Database, customerId: string, event: Pick<CanonicalEvent, 'type' | 'status' | 'channel' | 'timestamp'>, now = Date.now()): Promise<StatusOutcome> {
	if (event.type !== 'status' || !event.status || event.status === 'sent') return Promise.resolve({ action: 'ignored', reason: 'not a delivery, read or failure status' });
	return withConflictRetry(() =>
		db.transaction(async (tx): Promise<StatusOutcome> => {
			const locked = await lockCustomer(tx, customerId);
			const id = locked.id;
			// A status reported a little before our clock recorded the send still belongs to it.
			const at = new Date(Math.max(Date.parse(event.timestamp), now)).toISOString();
			const send = await openSendOnChannel(tx, id, event.channel, at);
			if (!send) return { action: 'ignored', reason: `no message of the policy waits for a status on ${event.channel}` };
			const settledAt = new Date(now).toISOString();
			if (event.status === 'delivered' || event.status === 'read') {
				await settleSends(tx, { customerId: id, messageKey: send.messageKey }, event.status, settledAt);
				return { action: 'settled', send, outcome: event.status };
			}
			await settleSends(tx, { id: send.id }, 'failed', settledAt);
			return { action: 'fell-back', send, decision: await decideLocked(tx, locked, requestOf(send), now) };
		}),
	);
}

export interface SweepResult {
	/** Messages moved on to their next channel (or blocked when none is left), one per send that went unconfirmed. */
	fellBack: { send: EngagementSend; decision: EngagementDecision }[];
	/** Sends the history shows delivered: settled, nothing sent. */
	confirmed: number;
}

/**
 * The sends with no delivered (or read) status `afterMinutes` after they were decided: each is
 * settled as unconfirmed and its message goes to the next channel. A delivery the history holds
 * settles the send instead. At most `limit` sends per sweep, oldest first.
 */
export async function sweepUnconfirmed(db: Database, options: { afterMinutes: number; confirmation?: DeliveryConfirmation; limit?: number }, now = Date.now()): Promise<SweepResult> {
	const before = new Date(now - options.afterMinutes * 60_000).toISOString();
	const statuses = confirming(options.confirmation ?? 'delivered');
	const result: SweepResult = { fellBack: [], confirmed: 0 };
	for (const candidate of await unsettledSendsBefore(db, before, options.limit ?? 500)) {
		const step = await withConflictRetry(() =>
			db.transaction(async (tx) => {
				const locked = await lockCustomer(tx, candidate.customerId);
				const id = locked.id;
				// Another sweep or a status may have settled it since it was listed.
				const send = await sendById(tx, candidate.id);
				if (!send || send.settledAt) return undefined;
				const settledAt = new Date(now).toISOString();
				const status = await statusSince(tx, id, send.channel, send.decidedAt, statuses);
				if (status) {
					await settleSends(tx, { customerId: id, messageKey: send.messageKey }, status as 'delivered' | 'read', settledAt);
					return 'confirmed' as const;
				}
				await settleSends(tx, { id: send.id }, 'unconfirmed', settledAt);
				return { send, decision: await decideLocked(tx, locked, requestOf(send), now) };
			}),
		).catch((error: unknown) => {
			// A customer forgotten since the listing has nothing left to send.
			if (error instanceof Error && error.message.startsWith('No customer with id')) return undefined;
			throw error;
		});
		if (step === 'confirmed') result.confirmed++;
		else if (step) result.fellBack.push(step);
	}
	return result;
}
