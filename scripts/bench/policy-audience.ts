import { newCustomerId } from '../../core/identity/customer-id';
import type { SqlClient } from '../../core';

/**
 * A deterministic campaign audience, loaded set-based into a fresh store: customer n's traits,
 * identifiers, history, consent changes and earlier sends follow from n alone, so every store
 * and every run decides over the same people. At the campaign's time (NOON, 12:00 in São Paulo):
 *   - 4 in 5 have a Brazilian mobile phone; the others, and every even one, an e-mail;
 *   - every third wrote on WhatsApp 2 hours ago (free text), every third + 1 on SMS 3 days ago;
 *   - every 7th got a marketing e-mail 10 hours ago (the daily cap is reached);
 *   - every 11th read one of our e-mails a day ago; every 10th lives in Tokyo (quiet hours);
 *   - every 13th sent STOP by SMS (no message at all on SMS, no marketing anywhere);
 *   - every 5th had another campaign delivered 3 days ago (counts for the weekly cap);
 *   - every 19th already has this campaign's message under way (already sent).
 */

export const NOON = Date.parse('2026-11-20T15:00:00Z');
export const CAMPAIGN = 'black-friday';
const CHUNK = 5000;
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(NOON - hoursAgo * HOUR).toISOString();

export const phoneOf = (n: number) => `+55119${String(n).padStart(8, '0')}`;

/** Fills the store with `count` customers; returns their ids, oldest first. */
export async function loadAudience(db: SqlClient, count: number): Promise<string[]> {
	const all: string[] = [];
	for (let start = 0; start < count; start += CHUNK) {
		const numbers = Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) => start + i);
		const ids = numbers.map(() => newCustomerId());
		all.push(...ids);
		const rows = [ids, numbers];
		await db.query(
			`INSERT INTO customers (id, traits)
			 SELECT id, jsonb_strip_nulls(jsonb_build_object('name', 'Customer ' || n, 'firstName', 'C' || n,
			   'language', CASE WHEN n % 3 = 0 THEN 'en' ELSE 'pt' END, 'timeZone', CASE WHEN n % 10 = 0 THEN 'Asia/Tokyo' END))
			 FROM unnest($1::uuid[], $2::int[]) AS u(id, n)`,
			rows,
		);
		await db.query(
			`INSERT INTO identifiers (kind, value, customer_id)
			 SELECT 'phone', '+55119' || lpad(n::text, 8, '0'), id FROM unnest($1::uuid[], $2::int[]) AS u(id, n) WHERE n % 5 <> 4
			 UNION ALL
			 SELECT 'email', 'bench.' || n || '@example.org', id FROM unnest($1::uuid[], $2::int[]) AS u(id, n) WHERE n % 5 = 4 OR n % 2 = 0`,
			rows,
		);
		await db.query(
			`INSERT INTO events (customer_id, channel, external_id, type, direction, occurred_at, body, account, category)
			 SELECT id, channel, 'bench:' || kind || ':' || n, type, direction, $3::timestamptz - hours * interval '1 hour', body::json, 'bench', category
			 FROM unnest($1::uuid[], $2::int[]) AS u(id, n)
			 CROSS JOIN LATERAL (VALUES
			   ('wa', n % 3 = 0, 'whatsapp', 'message', 'inbound', 2, '{}', NULL),
			   ('sms', n % 3 = 1, 'sms', 'message', 'inbound', 72, '{}', NULL),
			   ('promo', n % 7 = 0, 'email', 'message', 'outbound', 10, '{}', 'marketing'),
			   ('read', n % 11 = 0, 'email', 'status', 'outbound', 24, '{"status":"read"}', NULL)
			 ) AS e(kind, wanted, channel, type, direction, hours, body, category)
			 WHERE e.wanted`,
			[...rows, new Date(NOON).toISOString()],
		);
		await db.query(
			`INSERT INTO consent_changes (id, customer_id, channel, purpose, state, source, evidence, changed_at)
			 SELECT gen_random_uuid(), id, 'sms', 'all', 'unsubscribed', 'keyword', 'STOP', $3::timestamptz
			 FROM unnest($1::uuid[], $2::int[]) AS u(id, n) WHERE n % 13 = 0`,
			[...rows, at(48)],
		);
		await db.query(
			`WITH message AS (INSERT INTO engagement_messages (id, content) VALUES ($6, '{}') RETURNING id)
			 INSERT INTO engagement_sends (id, customer_id, message_key, channel, recipient, purpose, decided_at, outcome, settled_at, message_id)
			 SELECT s.*, message.id FROM message, (
			   SELECT gen_random_uuid(), id, 'spring-sale', 'email', 'bench.' || n || '@example.org', 'marketing', $3::timestamptz, 'delivered', $3::timestamptz
			   FROM unnest($1::uuid[], $2::int[]) AS u(id, n) WHERE n % 5 = 0
			   UNION ALL
			   SELECT gen_random_uuid(), id, $5, 'sms', '+55119' || lpad(n::text, 8, '0'), 'marketing', $4::timestamptz, NULL, NULL
			   FROM unnest($1::uuid[], $2::int[]) AS u(id, n) WHERE n % 19 = 0 AND n % 5 <> 4
			 ) s`,
			[...rows, at(72), at(1), CAMPAIGN, newCustomerId()],
		);
	}
	// What a server's autovacuum would do after a load; the embedded store has no statistics and needs none.
	await db.query('ANALYZE').catch(() => undefined);
	return all;
}
