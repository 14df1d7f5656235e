import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStores, CustomerGraph, openStore, type Database, type StoreConfig } from '../../core';
import { PostgresDatabase } from '../../core/store/postgres-database';
import { hmacSql, tombstoneKey, tombstoneOf } from '../../core/store/tombstones';
import { inboundMessage } from '../support/events';
import { dropSchema } from '../support/postgres';
import { describeEachStore } from '../support/stores';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describeEachStore('keyed tombstones', (store) => {
	// On disk for the embedded store: these tests reopen it.
	let config: StoreConfig;
	let db: Database;
	beforeAll(async () => {
		config = store.config();
		if (config.type === 'embedded') config = { type: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-tombstones-')) };
		db = await openStore(config);
	});
	afterAll(async () => {
		await closeStores();
		if (config.type === 'postgres') await dropSchema(config.schema!);
		else rmSync(config.folder!, { recursive: true, force: true });
	});
	const reopen = async () => {
		await closeStores();
		db = await openStore(config);
		return db;
	};
	const storedKey = async () => Buffer.from((await db.query<{ value: string }>(`SELECT value FROM store_settings WHERE name = 'tombstone_key'`))[0].value, 'hex');

	it('are HMAC-SHA256 of the key\'s sha256 under a random 64-byte key of the store, and SQL re-keys old hashes the same way', async () => {
		const key = await storedKey();
		expect(key).toHaveLength(64);
		const pads = await tombstoneKey(db);
		for (const message of ['', 'telegram:5550001234:42', 'email:josé@exemplo.com.br', 'x'.repeat(200), '👍 ünïcødé \u00a0']) {
			const [row] = await db.query<{ hmac: string }>(`SELECT ${hmacSql('$1::text', '$2', '$3')} AS hmac`, [message, pads.inner, pads.outer]);
			expect(row.hmac).toBe(createHmac('sha256', key).update(message, 'utf8').digest('hex'));
			expect(tombstoneOf(message, pads)).toBe(createHmac('sha256', key).update(sha256Hex(message)).digest('hex'));
		}
	});

	it('keep their key when the store is opened again', async () => {
		const before = await storedKey();
		await reopen();
		expect(await storedKey()).toEqual(before);
	});

	it("can't be reversed by guessing ids: 100,000 sha256 guesses of a Telegram user's message ids find nothing", async () => {
		const graph = new CustomerGraph(db);
		const user = { kind: 'telegram' as const, value: '5550007777' };
		const message = inboundMessage([user], { channel: 'telegram', provider: 'telegram', account: '7000000001', externalId: '5550007777:73519' });
		await graph.resolve([{ identities: [user], event: message }]);
		await graph.forget((await graph.findCustomerId({ identifier: user }))!);

		const events = new Set((await db.query<{ key_hash: string }>('SELECT key_hash FROM forgotten_events')).map((row) => row.key_hash));
		const identifiers = new Set((await db.query<{ key_hash: string }>('SELECT key_hash FROM forgotten_identifiers')).map((row) => row.key_hash));
		const started = process.hrtime.bigint();
		let found = 0;
		for (let id = 1; id <= 100_000; id++) if (events.has(sha256Hex(`telegram:7000000001:5550007777:${id}`))) found++;
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		expect(found).toBe(0);
		expect(identifiers.has(sha256Hex('telegram:5550007777'))).toBe(false);
		// The tombstones are there: with the store's key, and only with it, the same guess finds them.
		const key = await storedKey();
		expect(events.has(createHmac('sha256', key).update(sha256Hex('telegram:7000000001:5550007777:73519')).digest('hex'))).toBe(true);
		expect(identifiers.has(createHmac('sha256', key).update(sha256Hex('telegram:5550007777')).digest('hex'))).toBe(true);
		process.stdout.write(`${store.name}: 100,000 sha256 guesses checked in ${seconds.toFixed(2)} s, ${found} found\n`);
	});

	it('re-key tombstones written before keys existed, so old redeliveries are still skipped and the old hashes are gone', async () => {
		// A store as the previous version left it: no key yet, and unkeyed sha256 tombstones.
		const old = inboundMessage([{ kind: 'phone', value: '+5511987652001' }], { externalId: 'wamid.forgotten-before-keys' });
		const legacy = sha256Hex(`whatsapp:${old.externalId}`);
		await db.query(`DELETE FROM store_settings WHERE name = 'tombstone_key'`);
		await db.query('INSERT INTO forgotten_events (key_hash) VALUES ($1)', [legacy]);
		await reopen();

		const key = await storedKey();
		const hashes = (await db.query<{ key_hash: string }>('SELECT key_hash FROM forgotten_events')).map((row) => row.key_hash);
		expect(hashes).not.toContain(legacy);
		expect(hashes).toContain(createHmac('sha256', key).update(legacy).digest('hex'));
		const [outcome] = await new CustomerGraph(db).resolve([{ identities: old.from.identities, event: old }]);
		expect(outcome).toMatchObject({ forgotten: true, created: false });
	});

	it('get one key when several workers make it at once', async () => {
		const server = config;
		if (server.type !== 'postgres') return;
		await db.query(`DELETE FROM store_settings WHERE name = 'tombstone_key'`);
		// Four workers' connections to the store, each making or reading the key at the same time.
		const workers = await Promise.all(
			[1, 2, 3, 4].map(() => PostgresDatabase.open({ connectionString: server.connectionString, options: `-c search_path=${server.schema}` }, 'worker')),
		);
		try {
			const keys = await Promise.all(workers.map(async (worker) => (await tombstoneKey(worker)).inner.toString('hex')));
			expect(new Set(keys).size).toBe(1);
			expect(Buffer.from(keys[0], 'hex')).toEqual((await tombstoneKey(await reopen())).inner);
		} finally {
			await Promise.all(workers.map((worker) => worker.close()));
		}
	});
});
