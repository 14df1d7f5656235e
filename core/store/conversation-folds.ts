import { activityOf, replayActivities, type Activity } from '../conversations/counters';
import { foldedConversation } from '../conversations/folding';
import { conversationActivity, liveConversations, updateConversation, type StoredConversation } from './conversation-sql';
import { iso } from './customer-sql';
import type { SqlClient } from './database';

/**
 * A customer has at most one conversation that is not resolved. A merge moves the source's
 * conversations to the target, which may then hold two: the older is folded into the newer
 * (merged_into), which takes in its counters, and whose history and notes include it. The fold
 * needs no audit of its own: the merge audit names the conversations it moved, and an unmerge
 * that moves one back unfolds whatever now belongs to two customers.
 */

/** Folds, for each of these customers (merge targets, with their rows locked), the older conversations not resolved into the newest one. */
export async function foldConversations(tx: SqlClient, customerIds: string[]): Promise<void> {
	if (!customerIds.length) return;
	// One statement when nothing meets, which is nearly always.
	const live = await liveConversations(tx, customerIds);
	const byCustomer = new Map<string, StoredConversation[]>();
	for (const conversation of live) byCustomer.set(conversation.customerId, [...(byCustomer.get(conversation.customerId) ?? []), conversation]);
	for (const [newer, ...older] of byCustomer.values()) {
		if (!older.length) continue;
		for (const conversation of older) await updateConversation(tx, conversation.id, { mergedInto: newer.id });
		await updateConversation(tx, newer.id, foldedConversation(newer, older));
	}
}

interface Unfolding {
	id: string;
	customer_id: string;
	status: string;
	into: string;
	into_customer_id: string;
	into_resolved_at: Date | null;
}

/**
 * After an unmerge moved rows back: conversations folded into one that now belongs to another
 * customer are their own again. Each takes back the events that came for its customer while it
 * was folded, and both have their counters replayed from their histories (an agent's reply
 * recorded without its event is not in a history: it no longer counts). A conversation whose
 * partner was resolved while they were one is resolved too. Then each customer is folded again
 * if it ended up with two conversations not resolved.
 */
export async function unfoldConversations(tx: SqlClient, customerIds: string[]): Promise<void> {
	const unfolding = await tx.query<Unfolding>(
		`SELECT f.id, f.customer_id, f.status, s.id AS into, s.customer_id AS into_customer_id, s.resolved_at AS into_resolved_at
		 FROM (SELECT DISTINCT unnest($1::uuid[]) AS id) t
		 CROSS JOIN LATERAL (SELECT id, customer_id, status, merged_into FROM conversations WHERE customer_id = t.id AND merged_into IS NOT NULL OFFSET 0) f
		 JOIN conversations s ON s.id = f.merged_into
		 WHERE s.customer_id <> f.customer_id`,
		[customerIds],
	);
	if (!unfolding.length) return;
	const replay = new Map<string, string>();
	for (const row of unfolding) {
		await updateConversation(tx, row.id, { mergedInto: null });
		await tx.query('UPDATE events SET conversation_id = $1 WHERE conversation_id = $2 AND customer_id = $3', [row.id, row.into, row.customer_id]);
		replay.set(row.id, row.customer_id).set(row.into, row.into_customer_id);
	}
	for (const [id, customerId] of replay) {
		const activities = (await conversationActivity(tx, { id, customerId })).map(activityOf).filter((activity): activity is Activity => activity !== undefined);
		await updateConversation(tx, id, replayActivities(activities));
	}
	for (const row of unfolding) {
		if (row.into_resolved_at === null || row.status === 'resolved') continue;
		await updateConversation(tx, row.id, { status: 'resolved', resolvedAt: iso(row.into_resolved_at), waitingSince: null, snoozedUntil: null });
	}
	await foldConversations(tx, customerIds);
}
