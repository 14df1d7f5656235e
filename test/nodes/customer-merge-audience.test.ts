// List Customers, Set Consent and Get Consent of the Customer Merge node, through n8n's engine,
// on a few hundred customers in both kinds of store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { closeStores, CustomerGraph, inputFromEvent, openStore } from '../../core';
import { CustomerMerge } from '../../nodes/CustomerMerge/CustomerMerge.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { inboundMessage } from '../support/events';
import { runWorkflow } from '../support/n8n-harness';
import { dropSchema, postgresUnavailable, uniqueSchema } from '../support/postgres';

const STORES: { name: string; available: boolean; credential: () => ICredentialDataDecryptedObject }[] = [
	{ name: 'embedded store in a folder', available: true, credential: () => ({ storeType: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-audience-')) }) },
	{
		name: 'PostgreSQL server',
		available: !postgresUnavailable,
		credential: () => ({ storeType: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema: uniqueSchema('omni_audience') }),
	},
];

const CUSTOMERS = 300;
const address = (n: number) => `audience.${n}@example.org`;
/** Customer n: on WhatsApp when even, by e-mail when odd; gold every third; tagged vip every fifth. */
const plan = (n: number) => (n % 3 === 0 ? 'gold' : 'silver');

for (const store of STORES) {
	(store.available ? describe : describe.skip)(`Customer Merge audiences and consent through n8n — ${store.name}`, () => {
		let credential: ICredentialDataDecryptedObject;
		let graph: CustomerGraph;
		/** Customer ids by their number. */
		let ids: string[];
		beforeAll(async () => {
			credential = store.credential();
			graph = new CustomerGraph(await openStore(storeConfigFromCredential(credential)));
			const inputs = Array.from({ length: CUSTOMERS }, (_, n) => ({
				...inputFromEvent(inboundMessage([{ kind: 'email', value: address(n) }], { channel: n % 2 ? 'email' : 'whatsapp', timestamp: '2026-11-01T10:00:00.000Z' })),
				traits: { plan: plan(n), ...(n % 5 === 0 ? { tags: ['VIP'] } : {}) },
			}));
			ids = (await graph.resolve(inputs)).map((outcome) => outcome.customerId!);
			// Every fourth customer stopped marketing on WhatsApp.
			for (let n = 0; n < CUSTOMERS; n += 4) {
				await graph.changeConsent(ids[n], { channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed', source: 'keyword', evidence: `test ${n}`, changedAt: '2026-11-02T00:00:00.000Z' });
			}
		});
		afterAll(async () => {
			await closeStores();
			if (credential.storeType === 'postgres') await dropSchema(String(credential.schema));
			else rmSync(String(credential.folder), { recursive: true, force: true });
		});

		const run = (parameters: INodeParameters, items: IDataObject[] = [{}], onError?: 'continueRegularOutput') =>
			runWorkflow({
				nodeTypes: { customerMerge: new CustomerMerge() },
				nodes: [{ name: 'Customer Merge', type: 'customerMerge', typeVersion: 2, parameters: { resource: 'customer', ...parameters }, onError }],
				credentials: { omnichannelStoreApi: credential },
				items: items.map((json) => ({ json })),
			});
		const list = async (parameters: INodeParameters) => {
			const result = await run({ operation: 'listCustomers', ...parameters });
			if (result.error) throw result.error;
			return result.outputOf('Customer Merge');
		};
		const whatsappMarketing = { consent: { condition: [{ channel: 'whatsapp', purpose: 'marketing', rule: 'notUnsubscribed' }] }, channels: ['whatsapp'] };
		/** Customers on WhatsApp who did not stop marketing there: even numbers not divisible by 4. */
		const expectedOnWhatsApp = () => ids.filter((_, n) => n % 2 === 0 && n % 4 !== 0);

		it('returns every customer of the audience, read in pages, each once, oldest first, paired with the input item', async () => {
			const output = await list({ returnAll: true, filters: whatsappMarketing, listOptions: { pageSize: 40 } });
			expect(output.map((item) => item.json.id)).toEqual(expectedOnWhatsApp());
			expect(output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
			expect(output[0].json).toMatchObject({ identities: [{ kind: 'email', value: address(2) }], traits: { plan: 'silver' }, lastContactAt: '2026-11-01T10:00:00.000Z' });
			expect(output[0].json.nextCursor).toBeUndefined();
		});

		it('pages with Limit and the nextCursor of the last item, as a Loop would, until no cursor is left', async () => {
			const seen: unknown[] = [];
			let cursor = '';
			let rounds = 0;
			do {
				const page = await list({ limit: 100, cursor, filters: { traits: { condition: [{ name: 'plan', check: 'equals', value: 'silver' }] } } });
				seen.push(...page.map((item) => item.json.id));
				cursor = String(page.at(-1)?.json.nextCursor ?? '');
				rounds++;
			} while (cursor);
			expect(rounds).toBe(2);
			expect(seen).toEqual(ids.filter((_, n) => plan(n) === 'silver'));
		});

		it('selects by tags and last contact, and never lists a customer merged into another', async () => {
			const vip = await list({ returnAll: true, filters: { tags: 'vip', lastContact: 'after', lastContactDate: '2026-10-01T00:00:00.000Z' } });
			expect(vip.map((item) => item.json.id)).toEqual(ids.filter((_, n) => n % 5 === 0));
			// 20 (on WhatsApp, stopped marketing there) goes into 5: the WhatsApp audience stays the same.
			await graph.merge(ids[5], ids[20]);
			const afterMerge = await list({ returnAll: true, filters: { tags: 'vip' } });
			expect(afterMerge.map((item) => item.json.id)).toEqual(ids.filter((_, n) => n % 5 === 0 && n !== 20));
			expect(await list({ returnAll: true, filters: { lastContact: 'before', lastContactDate: '2026-10-01T00:00:00.000Z' } })).toEqual([]);
		});

		it('sets consent on a customer found by an identifier, which Get Consent and List Customers then see', async () => {
			const set = await run({ operation: 'setConsent', findBy: 'identifier', identifierKind: 'email', identifierValue: '={{ $json.email }}', consentChannel: 'whatsapp', consentPurpose: 'all', consentState: 'unsubscribed', evidence: 'Called the shop: no more messages' }, [{ email: address(2) }]);
			expect(set.error).toBeUndefined();
			expect(set.jsonOf('Customer Merge')[0]).toMatchObject({
				customerId: ids[2],
				change: { channel: 'whatsapp', purpose: 'all', state: 'unsubscribed', source: 'operation', evidence: 'Called the shop: no more messages' },
			});
			const got = await run({ operation: 'getConsent', customer: { __rl: true, mode: 'id', value: ids[2] }, includeTrail: true });
			const json = got.jsonOf('Customer Merge')[0] as { found: boolean; consent: IDataObject[]; trail: IDataObject[] };
			expect(json.found).toBe(true);
			expect(json.consent).toEqual([expect.objectContaining({ channel: 'whatsapp', purpose: 'all', state: 'unsubscribed', source: 'operation' })]);
			expect(json.trail).toHaveLength(1);
			const audience = await list({ returnAll: true, filters: whatsappMarketing });
			expect(audience.map((item) => item.json.id)).toEqual(expectedOnWhatsApp().filter((id) => id !== ids[2]));

			const withoutTrail = await run({ operation: 'getConsent', findBy: 'identifier', identifierKind: 'email', identifierValue: address(0) });
			expect(withoutTrail.jsonOf('Customer Merge')[0]).toEqual({ found: true, customerId: ids[0], consent: [expect.objectContaining({ channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed', source: 'keyword' })] });
		});

		it("records consent from a keyword written on WhatsApp, with the node's own keywords replacing the defaults", async () => {
			const phone = { kind: 'phone' as const, value: '+5521988887777' };
			const [chega, stop] = [inboundMessage([phone], { text: 'Chega!' }), inboundMessage([phone], { text: 'STOP' })];
			const resolved = await run({ operation: 'resolve', identifyBy: 'event', options: { optOutKeywords: 'chega, basta' } }, [chega, stop] as unknown as IDataObject[]);
			expect(resolved.error).toBeUndefined();
			const got = await run({ operation: 'getConsent', findBy: 'identifier', identifierKind: 'phone', identifierValue: phone.value, includeTrail: true });
			const json = got.jsonOf('Customer Merge')[0] as { trail: IDataObject[] };
			expect(json.trail).toEqual([expect.objectContaining({ channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed', source: 'keyword', evidence: chega.id })]);
		});

		it('says when the customer of a consent change does not exist, and when a cursor is not one', async () => {
			const missing = await run({ operation: 'setConsent', findBy: 'identifier', identifierKind: 'email', identifierValue: 'nobody@example.org', consentChannel: 'email', consentPurpose: 'marketing', consentState: 'subscribed' });
			expect(missing.error?.message).toBe('No customer with email nobody@example.org');
			const badCursor = await run({ operation: 'listCustomers', limit: 10, cursor: 'page 2' });
			expect(badCursor.error?.message).toContain('"page 2" is not a cursor of this audience');
			const continued = await run({ operation: 'listCustomers', limit: 10, cursor: 'page 2' }, [{}], 'continueRegularOutput');
			expect(continued.jsonOf('Customer Merge')).toEqual([{ error: expect.stringContaining('is not a cursor') }]);
		});
	});
}
