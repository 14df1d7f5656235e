import { randomBytes } from 'node:crypto';
import { CustomerGraph, messageKeys, type CanonicalEvent, type Customer, type Database, type Identity } from '../../core';
import { historyRow } from '../../core/store/graph-sql';
import { migrate } from '../../core/store/migrations';
import { hmacPads, tombstoneOf } from '../../core/store/tombstones';
import { inboundMessage } from '../support/events';
import { dropSchema, uniqueSchema } from '../support/postgres';
import { describeEachStore, storeAtVersion } from '../support/stores';

const email = (value: string): Identity => ({ kind: 'email', value });
const phone = (value: string): Identity => ({ kind: 'phone', value });

// Oldest first: ids sort by creation, and the oldest customer survives merges.
const ANA = '018f0000-0000-7000-8000-00000000070a';
const BIA = '018f0000-0000-7000-8000-00000000070b';
const CAIO = '018f0000-0000-7000-8000-00000000070c';

const anaPhone = phone('+5511987650701');
const caioTelegram: Identity = { kind: 'telegram', value: '5550000701' };
const gonePhone = phone('+5511987650799');
const anaWrote = inboundMessage([anaPhone], { externalId: 'wamid.v6-ana-1', timestamp: '2026-01-01T10:00:00.000Z', text: 'oi' });
const biaWrote = inboundMessage([email('bia@example.org')], { channel: 'email', provider: 'smtp', account: 'support@example.com', externalId: '<v6-bia-1@example.org>', timestamp: '2026-01-02T10:00:00.000Z', subject: 'Pedido', text: 'Olá' });
const caioWrote = inboundMessage([caioTelegram], { channel: 'telegram', provider: 'telegram', account: '7000000001', externalId: '5550000701:11', timestamp: '2026-01-03T10:00:00.000Z' });
// The message of a customer forgotten before the upgrade: only its tombstones are in the store.
const goneWrote = inboundMessage([gonePhone], { externalId: 'wamid.v6-gone-1', timestamp: '2026-01-04T10:00:00.000Z' });

/** What the release before wrote, in its own schema (version 6): three customers, a merge, a forgotten one. */
async function fillVersion6(db: Database): Promise<void> {
	const key = randomBytes(64);
	await db.query(`INSERT INTO store_settings (name, value) VALUES ('tombstone_key', $1)`, [key.toString('hex')]);
	await db.exec(`
		INSERT INTO profiles (id, created_at, traits, merged_into, merged_at) VALUES
		  ('${ANA}', '2026-01-01T00:00:00Z', '{"name": "Ana", "plan": "gold", "city": "Natal"}', NULL, NULL),
		  ('${CAIO}', '2026-01-03T00:00:00Z', '{"name": "Caio"}', NULL, NULL),
		  ('${BIA}', '2026-01-02T00:00:00Z', '{"city": "Natal"}', NULL, NULL);
		UPDATE profiles SET merged_into = '${ANA}', merged_at = '2026-01-05T00:00:00Z' WHERE id = '${BIA}';
		INSERT INTO identities (kind, value, profile_id, created_at) VALUES
		  ('email', 'ana@example.org', '${ANA}', '2026-01-01T00:00:00Z'),
		  ('phone', '${anaPhone.value}', '${ANA}', '2026-01-01T00:00:01Z'),
		  ('email', 'bia@example.org', '${ANA}', '2026-01-02T00:00:00Z'),
		  ('telegram', '${caioTelegram.value}', '${CAIO}', '2026-01-03T00:00:00Z');`);
	for (const [event, customer] of [
		[anaWrote, ANA],
		[biaWrote, ANA],
		[caioWrote, CAIO],
	] as const) {
		const row = historyRow(event);
		await db.query(
			`INSERT INTO events (profile_id, channel, external_id, type, direction, occurred_at, body, account, author_type, category)
			 VALUES ($1, $2, $3, $4, $5, $6, $7::json, $8, $9, $10)`,
			[customer, row.channel, row.keyInChannel, row.type, row.direction, row.timestamp, row.body, row.account, row.authorType, row.category],
		);
	}
	// Bia merged into Ana, audited as version 6 did: moved rows under the tables' names then.
	await db.query(
		`INSERT INTO merges (target_id, source_id, reason, evidence, moved, target_traits_before, merged_at)
		 VALUES ($1, $2, 'manual', '{"note": "same person"}', $3, '{"name": "Ana", "plan": "gold"}', '2026-01-05T00:00:00Z')`,
		[ANA, BIA, JSON.stringify({ identities: [['email', 'bia@example.org']], events: [['email', historyRow(biaWrote).keyInChannel]] })],
	);
	const pads = hmacPads(key);
	const tombstones = (table: string, keys: string[]) =>
		db.query(`INSERT INTO ${table} (key_hash) SELECT unnest($1::text[])`, [keys.map((key) => tombstoneOf(key, pads))]);
	await tombstones('forgotten_identities', [`${gonePhone.kind}:${gonePhone.value}`]);
	await tombstones('forgotten_events', messageKeys(goneWrote));
}

/** A history entry as a customer's 360 shows a recorded event. */
const entry = (event: CanonicalEvent) => ({
	channel: event.channel,
	account: event.account,
	externalId: event.externalId,
	type: event.type,
	direction: event.direction,
	timestamp: event.timestamp,
	subject: event.subject,
	text: event.text,
	event: JSON.parse(historyRow(event).body),
});

const anaBefore: Customer = {
	id: ANA,
	createdAt: '2026-01-01T00:00:00.000Z',
	identities: [email('ana@example.org'), anaPhone, email('bia@example.org')],
	traits: { name: 'Ana', plan: 'gold', city: 'Natal' },
	channels: [
		{ channel: 'email', lastSeenAt: biaWrote.timestamp },
		{ channel: 'whatsapp', lastSeenAt: anaWrote.timestamp },
	],
	mergedFrom: [BIA],
	history: [entry(biaWrote), entry(anaWrote)],
};

const caioBefore: Customer = {
	id: CAIO,
	createdAt: '2026-01-03T00:00:00.000Z',
	identities: [caioTelegram],
	traits: { name: 'Caio' },
	channels: [{ channel: 'telegram', lastSeenAt: caioWrote.timestamp }],
	mergedFrom: [],
	history: [entry(caioWrote)],
};

describeEachStore('a store written before customers and identifiers were the schema\'s words', (store) => {
	const server = store.config().type === 'postgres';
	const schema = server ? uniqueSchema('omni_vocabulary') : 'omnichannel';
	let db: Database;
	let graph: CustomerGraph;
	beforeAll(async () => {
		db = await storeAtVersion(6, server, schema);
		await fillVersion6(db);
		graph = new CustomerGraph(db);
	});
	afterAll(async () => {
		await db?.close();
		if (server) await dropSchema(schema);
	});

	it('migrates in place to customers, identifiers and customer_id, and no name of the old words is left', async () => {
		// 7 and whatever came after it.
		expect((await migrate(db, schema))[0]).toBe(7);
		const names = await db.query<{ kind: string; name: string }>(
			`SELECT 'relation' AS kind, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1
			 UNION ALL SELECT 'column', c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			   WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
			 UNION ALL SELECT 'constraint', k.conname FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = $1
			 UNION ALL SELECT 'function', p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1`,
			[schema],
		);
		expect(names.filter(({ name }) => /profile|identit/.test(name))).toEqual([]);
		expect(names.map(({ name }) => name)).toEqual(
			expect.arrayContaining([
				'customers',
				'customers_pkey',
				'customers_merged_into',
				'customers_merged_into_fkey',
				'identifiers',
				'identifiers_pkey',
				'identifiers_customer',
				'identifiers.customer_id',
				'events.customer_id',
				'events_customer_time',
				'merges.moved_identifiers',
				'forgotten_identifiers',
				'forgotten_identifiers_pkey',
			]),
		);
	});

	it('reads every customer exactly as that release wrote it, merged ids and identifiers finding them', async () => {
		expect(await graph.getCustomer(ANA, 10)).toEqual(anaBefore);
		expect(await graph.getCustomer(CAIO, 10)).toEqual(caioBefore);
		expect(await graph.findCustomerId({ id: BIA })).toBe(ANA);
		expect(await graph.findCustomerId({ identifier: { kind: 'email', value: ' BIA@Example.org' } })).toBe(ANA);
		expect(await graph.stats()).toEqual({ customers: 2, mergedCustomers: 1, identities: { email: 2, phone: 1, telegram: 1 }, events: { email: 1, telegram: 1, whatsapp: 1 }, merges: 1, unmerges: 0, forgottenEvents: messageKeys(goneWrote).length });
	});

	it('resolves against it: a redelivery is recognised, a shared identifier merges, the forgotten stay forgotten', async () => {
		const later = inboundMessage([anaPhone, caioTelegram], { externalId: 'wamid.v7-ana-2', timestamp: '2026-01-06T10:00:00.000Z' });
		const [redelivered, merging, ofForgotten] = await graph.resolve([
			{ identities: anaWrote.from.identities, event: anaWrote },
			{ identities: [anaPhone, caioTelegram], event: later },
			{ identities: goneWrote.from.identities, event: goneWrote },
		]);
		expect(redelivered).toMatchObject({ customerId: ANA, created: false, merged: [], duplicate: true });
		expect(merging).toMatchObject({ customerId: ANA, created: false, merged: [CAIO] });
		expect(ofForgotten).toMatchObject({ forgotten: true });
		expect(ofForgotten.customerId).toBeUndefined();
		const [imported] = await graph.resolve([{ identities: [gonePhone], name: 'Gone' }], undefined, { skipForgottenIdentifiers: true });
		expect(imported).toMatchObject({ forgotten: true, warnings: [expect.stringContaining('belongs to a forgotten customer')] });
		expect(await graph.getCustomer(ANA, 10)).toMatchObject({ mergedFrom: [BIA, CAIO], history: [entry(later), entry(caioWrote), entry(biaWrote), entry(anaWrote)] });
	});

	it('undoes the merge made after the upgrade and the one audited before it: each customer is again as it was', async () => {
		await expect(graph.unmerge(CAIO)).resolves.toEqual({ customerId: CAIO, unmergedFrom: ANA });
		expect(await graph.getCustomer(CAIO, 10)).toEqual(caioBefore);

		await expect(graph.unmerge(BIA)).resolves.toEqual({ customerId: BIA, unmergedFrom: ANA });
		expect(await graph.getCustomer(BIA, 10)).toEqual({
			id: BIA,
			createdAt: '2026-01-02T00:00:00.000Z',
			identities: [email('bia@example.org')],
			traits: { city: 'Natal' },
			channels: [{ channel: 'email', lastSeenAt: biaWrote.timestamp }],
			mergedFrom: [],
			history: [entry(biaWrote)],
		});
		expect(await graph.getCustomer(ANA, 10)).toMatchObject({
			identities: [email('ana@example.org'), anaPhone],
			traits: { name: 'Ana', plan: 'gold' },
			mergedFrom: [],
			history: [{ externalId: 'wamid.v7-ana-2' }, entry(anaWrote)],
		});
	});

	it('merges and forgets as before, and what it forgets stays forgotten', async () => {
		await expect(graph.merge(ANA, BIA, 'same person again')).resolves.toEqual({ customerId: ANA, merged: [BIA] });
		await expect(graph.forget(ANA)).resolves.toEqual({ customerId: ANA, customers: 2, identities: 3, events: 3, conversations: 0, shared_identifiers: 0, crm_activities: 0, consent_changes: 0, engagement_sends: 0, compacted: db.compactsAfterErasure });
		expect(await graph.findCustomerId({ id: BIA })).toBeUndefined();
		const [redelivered] = await graph.resolve([{ identities: biaWrote.from.identities, event: biaWrote }]);
		expect(redelivered).toMatchObject({ forgotten: true });
		const [imported] = await graph.resolve([{ identities: [email('bia@example.org')] }], undefined, { skipForgottenIdentifiers: true });
		expect(imported).toMatchObject({ forgotten: true });
		expect(await graph.stats()).toMatchObject({ customers: 1, mergedCustomers: 0, identities: { telegram: 1 }, events: { telegram: 1 }, merges: 0 });
	});
});
