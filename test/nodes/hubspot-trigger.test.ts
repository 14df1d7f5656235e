import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { closeStores, CustomerGraph, openStore } from '../../core';
import type { AppliedCrmChange } from '../../core/crm/apply-changes';
import { OmnichannelHubSpotTrigger } from '../../nodes/OmnichannelHubSpotTrigger/OmnichannelHubSpotTrigger.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { getLogger, runWebhook } from '../support/n8n-harness';

const SECRET = 'hubspot-app-client-secret-0123456789';
const PUBLIC_URL = 'https://hooks.example.test/hubspot/contacts';
const fixture = readFileSync(path.resolve(__dirname, '../fixtures/crm/hubspot/webhook-contact-propertyChange.payload.json'));

/** HubSpot's v3 signature written out on its own: base64 HMAC-SHA256 of method + URL + body + timestamp. */
const sign = (body: Buffer, timestamp: string, url = PUBLIC_URL) => createHmac('sha256', SECRET).update(`POST${url}${body.toString('utf8')}${timestamp}`).digest('base64');

interface PostOptions {
	timestamp?: number;
	signature?: string;
	staticData?: IDataObject;
	parameters?: INodeParameters;
	clientSecret?: string;
	store?: ICredentialDataDecryptedObject;
}

describe('Omnichannel HubSpot Trigger, through n8n', () => {
	let store: ICredentialDataDecryptedObject;
	let graph: CustomerGraph;
	beforeAll(async () => {
		store = { storeType: 'embedded', folder: mkdtempSync(path.join(tmpdir(), 'omnichannel-hubspot-')) };
		graph = new CustomerGraph(await openStore(storeConfigFromCredential(store)));
	});
	afterAll(async () => {
		await closeStores();
		rmSync(String(store.folder), { recursive: true, force: true });
	});

	const post = (body: Buffer, options: PostOptions = {}) => {
		const timestamp = String(options.timestamp ?? Date.now());
		return runWebhook({
			nodeType: new OmnichannelHubSpotTrigger(),
			typeVersion: 1.1,
			parameters: { publicUrl: PUBLIC_URL, ...options.parameters },
			credentials: { hubspotDeveloperApi: { clientId: 'client-id', clientSecret: options.clientSecret ?? SECRET, apiKey: 'dev-key', appId: '987654' }, omnichannelStoreApi: options.store ?? store },
			staticData: options.staticData ?? {},
			request: {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-hubspot-request-timestamp': timestamp,
					'x-hubspot-signature-v3': options.signature ?? sign(body, timestamp),
				},
				rawBody: body,
			},
		});
	};
	const events = (...list: Record<string, unknown>[]) =>
		Buffer.from(JSON.stringify(list.map((event, index) => ({ eventId: 9000 + index, portalId: 12345678, appId: 987654, occurredAt: Date.now(), attemptNumber: 0, ...event }))));
	const itemsOf = (result: Awaited<ReturnType<typeof post>>) => (result.items?.[0] ?? []).map((item) => item.json as unknown as AppliedCrmChange);
	const customerKnownBy = async (hubspotId: string, email: string) => (await graph.resolve([{ identities: [{ kind: 'hubspot', value: hubspotId }, { kind: 'email', value: email }] }]))[0].customerId!;

	it('a signed change of mobile phone: the customer known by the contact id gains it, in one execution', async () => {
		const id = await customerKnownBy('51234567890', 'maria.silva@example.com');
		const result = await post(fixture);
		expect(result.statusCode).toBe(200);
		expect(result.responseBody).toEqual({ received: true });
		expect(itemsOf(result)).toEqual([
			{
				change: expect.objectContaining({ crm: 'hubspot', type: 'identifiers-changed', recordId: '51234567890', phones: ['+5511987654321'] }),
				customerId: id,
				applied: 'identifier-added',
				reason: 'added phone +5511987654321 from HubSpot contact 51234567890',
			},
		]);
		expect((await graph.getCustomer(id, 0))!.identities).toContainEqual({ kind: 'phone', value: '+5511987654321' });
	});

	it('refuses a wrong signature, a wrong secret and a timestamp older than 5 minutes with 401, starting nothing and changing nothing', async () => {
		const id = await customerKnownBy('700', 'refused@example.com');
		const body = events({ subscriptionType: 'contact.propertyChange', objectId: 700, propertyName: 'email', propertyValue: 'new.refused@example.com' });
		const old = Date.now() - 6 * 60 * 1000;
		const results = [
			await post(body, { signature: sign(Buffer.from('[]'), String(Date.now())) }),
			await post(body, { clientSecret: 'another-secret' }),
			await post(body, { timestamp: old, signature: sign(body, String(old)) }),
		];
		expect(results.map((result) => [result.statusCode, result.items])).toEqual([
			[401, undefined],
			[401, undefined],
			[401, undefined],
		]);
		expect((await graph.getCustomer(id, 0))!.identities).not.toContainEqual({ kind: 'email', value: 'new.refused@example.com' });
	});

	it('logs a refusal without the client secret or the signature', async () => {
		const warn = jest.spyOn(getLogger(), 'warn');
		await post(fixture, { signature: 'guessed-signature' });
		const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
		expect(logged).toContain('refused a HubSpot webhook');
		expect(logged).not.toContain(SECRET);
		expect(logged).not.toContain('guessed-signature');
		warn.mockRestore();
	});

	it('starts nothing for a redelivery (the same event, a later attempt)', async () => {
		await customerKnownBy('701', 'redelivered@example.com');
		const staticData: IDataObject = {};
		const first = events({ subscriptionType: 'contact.propertyChange', objectId: 701, propertyName: 'phone', propertyValue: '+5511987657010', attemptNumber: 0 });
		const retry = Buffer.from(first.toString().replace('"attemptNumber":0', '"attemptNumber":1'));
		const delivered = await post(first, { staticData });
		const redelivered = await post(retry, { staticData });
		expect(itemsOf(delivered)).toHaveLength(1);
		expect(redelivered.statusCode).toBe(200);
		expect(redelivered.items).toBeUndefined();
	});

	it('answers 503 while the store fails, and the retry of that delivery then applies and starts its execution', async () => {
		const id = await customerKnownBy('702', 'store.down@example.com');
		const staticData: IDataObject = {};
		const body = events({ subscriptionType: 'contact.propertyChange', objectId: 702, propertyName: 'email', propertyValue: 'store.back@example.com' });
		const unreachable = { storeType: 'postgres', host: '127.0.0.1', port: 1, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema: 'omnichannel' };
		const failed = await post(body, { staticData, store: unreachable });
		expect([failed.statusCode, failed.items]).toEqual([503, undefined]);
		const retried = await post(body, { staticData });
		expect(itemsOf(retried)).toEqual([expect.objectContaining({ customerId: id, applied: 'identifier-added' })]);
	});

	it('a merge merges our two customers, with the audit note naming HubSpot and both contacts', async () => {
		const primary = await customerKnownBy('800', 'primary@example.com');
		const secondary = await customerKnownBy('801', 'secondary@example.com');
		const result = await post(events({ subscriptionType: 'contact.merge', objectId: 800, primaryObjectId: 800, mergedObjectIds: [801], newObjectId: 800 }));
		expect(itemsOf(result)).toEqual([expect.objectContaining({ customerId: primary, applied: 'merged', reason: `HubSpot merged contact 801 into contact 800: customer ${secondary} merged into ${primary}` })]);
		const merged = (await graph.getCustomer(primary, 0))!;
		expect(merged.mergedFrom).toEqual([secondary]);
		expect(merged.identities).toEqual(expect.arrayContaining([{ kind: 'email', value: 'secondary@example.com' }, { kind: 'hubspot', value: '800' }]));
		expect(merged.identities).not.toContainEqual({ kind: 'hubspot', value: '801' });
		const audit = await graph.db.query<{ evidence: { note: string } }>('SELECT evidence FROM merges WHERE source_id = $1', [secondary]);
		expect(audit[0].evidence.note).toBe('HubSpot merged contact 801 into contact 800');
	});

	it('a privacy deletion forgets the customer; a plain deletion only drops the contact id', async () => {
		const erased = await customerKnownBy('900', 'erase.me@example.com');
		const kept = await customerKnownBy('901', 'keep.me@example.com');
		const result = await post(events({ subscriptionType: 'contact.privacyDeletion', objectId: 900 }, { subscriptionType: 'contact.deletion', objectId: 901 }));
		expect(itemsOf(result).map(({ customerId, applied }) => ({ customerId, applied }))).toEqual([
			{ customerId: erased, applied: 'forgotten' },
			{ customerId: kept, applied: 'identifier-removed' },
		]);
		expect(await graph.getCustomer(erased, 0)).toBeUndefined();
		expect(await graph.findCustomerId({ identifier: { kind: 'email', value: 'erase.me@example.com' } })).toBeUndefined();
		expect((await graph.getCustomer(kept, 0))!.identities).toEqual([{ kind: 'email', value: 'keep.me@example.com' }]);
	});

	it('with Apply to Customer Store off, emits the changes and leaves the store alone', async () => {
		const id = await customerKnownBy('902', 'untouched@example.com');
		const result = await post(events({ subscriptionType: 'contact.privacyDeletion', objectId: 902 }), { parameters: { applyToStore: false } });
		expect(itemsOf(result)).toEqual([expect.objectContaining({ change: expect.objectContaining({ type: 'deleted', privacy: true, recordId: '902' }), applied: 'nothing' })]);
		expect(await graph.getCustomer(id, 0)).toBeDefined();
	});

	it('answers 200 and starts nothing for events that are not about identity; 400 for a signed body that is not HubSpot\'s', async () => {
		const other = await post(events({ subscriptionType: 'contact.propertyChange', objectId: 1, propertyName: 'firstname', propertyValue: 'Ana' }));
		expect([other.statusCode, other.items]).toEqual([200, undefined]);
		const wrong = await post(Buffer.from('{"hello":"world"}'));
		expect([wrong.statusCode, wrong.items]).toEqual([400, undefined]);
	});

	it('checks the signature over n8n\'s own webhook URL when no public URL is set', async () => {
		const timestamp = String(Date.now());
		const url = 'https://n8n.example.test/webhook/hs-id/webhook';
		const result = await runWebhook({
			nodeType: new OmnichannelHubSpotTrigger(),
			typeVersion: 1.1,
			parameters: { applyToStore: false },
			credentials: { hubspotDeveloperApi: { clientSecret: SECRET } },
			webhookBaseUrl: 'https://n8n.example.test/webhook',
			webhookId: 'hs-id',
			request: { method: 'POST', headers: { 'content-type': 'application/json', 'x-hubspot-request-timestamp': timestamp, 'x-hubspot-signature-v3': sign(fixture, timestamp, url) }, rawBody: fixture },
		});
		expect(result.webhookUrl).toBe(url);
		expect(result.statusCode).toBe(200);
		expect(result.items?.[0]).toHaveLength(1);
	});
});
