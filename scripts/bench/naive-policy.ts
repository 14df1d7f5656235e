import type { EngagementRequest, SqlClient } from '../../core';

const DAY_MS = 24 * 3_600_000;

/**
 * What a user builds from n8n's Postgres and IF nodes, one query per node and item: the customer
 * with their identifiers, their consent changes, their recent outbound messages, an IF in
 * memory, then the send inserted. No batching, no transaction, no lock: two executions can both
 * pass a cap of 1. Its decision is simpler than the policy's (no quiet hours, no session
 * windows, no fallback chain, the daily cap on the history alone), which only flatters it.
 */
export class NaivePolicy {
	constructor(private readonly db: SqlClient) {}

	async decide(customerId: string, request: EngagementRequest, messageKey: string, now: number): Promise<'send' | 'blocked'> {
		const customer = await this.db.query<{ traits: object; kind: string | null; value: string | null }>(
			'SELECT c.traits, i.kind, i.value FROM customers c LEFT JOIN identifiers i ON i.customer_id = c.id WHERE c.id = $1',
			[customerId],
		);
		const consents = await this.db.query<{ channel: string; purpose: string; state: string; changed_at: Date }>(
			'SELECT channel, purpose, state, changed_at FROM consent_changes WHERE customer_id = $1 ORDER BY changed_at DESC',
			[customerId],
		);
		const recent = await this.db.query<{ category: string | null }>(
			`SELECT channel, category, occurred_at FROM events WHERE customer_id = $1 AND direction = 'outbound' AND type = 'message' AND occurred_at > $2`,
			[customerId, new Date(now - DAY_MS).toISOString()],
		);
		const optedOut = consents.some((change) => change.state === 'unsubscribed' && change.purpose !== 'transactional');
		if (optedOut || recent.some((message) => message.category === 'marketing')) return 'blocked';
		const channel = request.rules.preference.find((wanted) => customer.some((row) => row.kind === (wanted === 'email' ? 'email' : 'phone')));
		const recipient = customer.find((row) => row.kind === (channel === 'email' ? 'email' : 'phone'))?.value;
		if (!channel || !recipient) return 'blocked';
		await this.db.query(
			`WITH message AS (INSERT INTO engagement_messages (id, content) VALUES (gen_random_uuid(), $6::json) RETURNING id)
			 INSERT INTO engagement_sends (id, customer_id, message_key, channel, recipient, purpose, message_id, decided_at)
			 SELECT gen_random_uuid(), $1, $2, $3, $4, $5, message.id, $7 FROM message`,
			[customerId, messageKey, channel, recipient, request.message.purpose, JSON.stringify(request), new Date(now).toISOString()],
		);
		return 'send';
	}
}
