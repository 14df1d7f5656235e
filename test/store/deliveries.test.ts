import { createHash } from 'node:crypto';
import { StoreDeliveryLedger } from '../../core/channels/delivery-ledger';
import { migrate } from '../../core/store/migrations';
import { PostgresDatabase } from '../../core/store/postgres-database';
import { dropSchema, postgresUnavailable, TEST_POSTGRES_URL, uniqueSchema } from '../support/postgres';
import { describeEachStore, useStore } from '../support/stores';

describeEachStore('the delivery ledger in the store', (store) => {
	const { db } = useStore(store);

	it('claims a key once, and keeps only keyed hashes of the keys', async () => {
		const ledger = new StoreDeliveryLedger(db());
		expect([...(await ledger.claim(['wf:node:telegram:42:7', 'wf:node:telegram:42:8']))]).toHaveLength(2);
		expect([...(await ledger.claim(['wf:node:telegram:42:7', 'wf:node:telegram:42:9', 'wf:node:telegram:42:9']))]).toEqual(['wf:node:telegram:42:9']);
		const stored = await db().query<{ key_hash: string }>('SELECT key_hash FROM deliveries');
		expect(stored).toHaveLength(3);
		expect(stored.map((row) => row.key_hash).join()).not.toContain('telegram');
		const unkeyed = createHash('sha256').update('wf:node:telegram:42:7').digest('hex');
		expect(stored.map((row) => row.key_hash)).not.toContain(unkeyed);
	});

	it('forgets deliveries older than providers retry, once an hour', async () => {
		await db().query("INSERT INTO deliveries (key_hash, received_at) VALUES ('old', now() - interval '9 days'), ('recent', now() - interval '6 days')");
		await new StoreDeliveryLedger(db()).claim(['another']);
		const left = (await db().query<{ key_hash: string }>("SELECT key_hash FROM deliveries WHERE key_hash IN ('old', 'recent')")).map((row) => row.key_hash);
		expect(left).toEqual(['recent']);
	});
});

(postgresUnavailable ? describe.skip : describe)('webhook processes sharing the PostgreSQL store', () => {
	const schema = uniqueSchema('omni_deliveries');
	const processes: PostgresDatabase[] = [];
	beforeAll(async () => {
		for (let i = 0; i < 8; i++) {
			processes.push(await PostgresDatabase.open({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema}`, max: 1 }, `process ${i}`));
		}
		await migrate(processes[0], schema);
	});
	afterAll(async () => {
		await Promise.all(processes.map((db) => db.close()));
		await dropSchema(schema);
	});

	it('hand each of 200 events, redelivered to all 8 at once, to exactly one of them', async () => {
		const keys = Array.from({ length: 200 }, (_, i) => `wf:node:whatsapp:wamid.${i}`);
		const claims = await Promise.all(processes.map((db) => new StoreDeliveryLedger(db).claim([...keys].sort(() => Math.random() - 0.5))));
		const all = claims.flatMap((claimed) => [...claimed]);
		expect(all).toHaveLength(keys.length);
		expect(new Set(all)).toEqual(new Set(keys));
	});
});
