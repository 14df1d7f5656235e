// A store whose sends each held their message (schema 13) keeps every message through the move
// to messages stored once (14): the fallback still sends the same message on the next channel.
import { EngagementPolicy, fallbackOnStatus, type Database } from '../../core';
import { migrate } from '../../core/store/migrations';
import { campaignRequest } from '../support/engagement';
import { dropSchema, uniqueSchema } from '../support/postgres';
import { describeEachStore, storeAtVersion } from '../support/stores';

const LUIS = '018f0000-0000-7000-8000-0000000013a1';
const SEND = '018f0000-0000-7000-8000-0000000013b1';
const NOON = Date.parse('2026-11-20T15:00:00Z');

describeEachStore('engagement sends written before messages were stored once', (store) => {
	const server = store.config().type === 'postgres';
	const schema = server ? uniqueSchema('omni_messages') : 'omnichannel';
	const request = campaignRequest('winter-sale');
	let db: Database;
	beforeAll(async () => {
		db = await storeAtVersion(13, server, schema);
		await db.query(`INSERT INTO customers (id, traits) VALUES ($1, '{"name": "Luis"}')`, [LUIS]);
		await db.query(`INSERT INTO identifiers (kind, value, customer_id) VALUES ('phone', '+5511987651301', $1), ('email', 'luis@example.org', $1)`, [LUIS]);
		await db.query(
			`INSERT INTO engagement_sends (id, customer_id, message_key, channel, recipient, purpose, content, decided_at)
			 VALUES ($1, $2, 'winter-sale', 'whatsapp', '+5511987651301', 'marketing', $3::jsonb, $4)`,
			[SEND, LUIS, JSON.stringify(request), new Date(NOON - 60_000).toISOString()],
		);
		expect(await migrate(db, schema)).toEqual([14]);
	});
	afterAll(async () => {
		await db?.close();
		if (server) await dropSchema(schema);
	});

	it('reads each send with the message it was decided with', async () => {
		const [send] = await new EngagementPolicy(db).sendsOf(LUIS, 'winter-sale');
		expect(send).toMatchObject({ id: SEND, channel: 'whatsapp', content: request });
	});

	it('falls back on a failed status with that message', async () => {
		const outcome = await fallbackOnStatus(db, LUIS, { type: 'status', status: 'failed', channel: 'whatsapp', timestamp: new Date(NOON).toISOString() }, NOON);
		expect(outcome).toMatchObject({ action: 'fell-back', decision: { decision: 'send', channel: 'sms', messageKey: 'winter-sale', text: 'Hi Luis, the sale is on' } });
	});
});
