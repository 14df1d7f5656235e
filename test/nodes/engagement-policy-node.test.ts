import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { NodeHelpers, Workflow, type ICredentialDataDecryptedObject, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';
import { closeStores, CustomerGraph, inputFromEvent, openStore, type Database, type Identity, type Traits } from '../../core';
import { CustomerMerge } from '../../nodes/CustomerMerge/CustomerMerge.node';
import { OmnichannelEngagementPolicy } from '../../nodes/OmnichannelEngagementPolicy/OmnichannelEngagementPolicy.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { outboundEvent } from '../support/engagement';
import { inboundMessage } from '../support/events';
import { HarnessNodeTypes } from '../support/harness-execution';
import { chain, runWorkflow } from '../support/n8n-harness';
import { dropSchema, postgresUnavailable, uniqueSchema } from '../support/postgres';

const STORES: { name: string; available: boolean; credential: () => ICredentialDataDecryptedObject }[] = [
	{ name: 'embedded store in a folder', available: true, credential: () => ({ storeType: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-policy-')) }) },
	{
		name: 'PostgreSQL server',
		available: !postgresUnavailable,
		credential: () => ({ storeType: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema: uniqueSchema('omni_policy_node') }),
	},
];

const POLICY = 'Engagement Policy';
const [SEND_NOW, LATER, BLOCKED] = [0, 1, 2];
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();

/** Decide's parameters as the editor saves them: a campaign in Portuguese and English, WhatsApp first, no quiet hours unless given. */
const decide = (more: INodeParameters = {}): INodeParameters => ({
	operation: 'decide',
	messageKey: 'black-friday',
	purpose: 'marketing',
	messages: {
		message: [
			{ language: 'pt', text: 'Olá {{firstName|cliente}}, a Black Friday começou', subject: '' },
			{ language: 'en', text: 'Hi {{firstName|there}}, Black Friday is on', subject: 'Black Friday' },
		],
	},
	fallbackLanguage: 'en',
	channels: { channel: [{ channel: 'whatsapp' }, { channel: 'sms' }, { channel: 'email' }] },
	whatsappTemplates: { template: [{ language: 'pt', name: 'black_friday', code: 'pt_BR' }] },
	templateVariables: '{{firstName|cliente}}',
	caps: { cap: [{ messages: 1, hours: 24 }] },
	quietHours: '',
	options: { defaultTimeZone: 'UTC' },
	...more,
});

let people = 0;

for (const store of STORES) {
	(store.available ? describe : describe.skip)(`Omnichannel Engagement Policy node through n8n — ${store.name}`, () => {
		let credential: ICredentialDataDecryptedObject;
		let db: Database;
		let graph: CustomerGraph;
		beforeAll(async () => {
			credential = store.credential();
			db = await openStore(storeConfigFromCredential(credential));
			graph = new CustomerGraph(db);
		});
		afterAll(async () => {
			await closeStores();
			if (credential.storeType === 'postgres') await dropSchema(String(credential.schema));
			else rmSync(String(credential.folder), { recursive: true, force: true });
		});

		/** A customer with a Brazilian phone and an e-mail, as Customer Merge puts them on an item. */
		async function customerItem(traits: Traits = {}, history: (identities: Identity[]) => object[] = () => []) {
			const n = ++people;
			const identities: Identity[] = [
				{ kind: 'phone', value: `+55119${String((process.pid * 1000 + n) % 100_000_000).padStart(8, '0')}` },
				{ kind: 'email', value: `node-policy-${process.pid}-${n}@example.org` },
			];
			const [outcome] = await graph.resolve([{ identities, traits }]);
			const events = history(identities);
			if (events.length) await graph.resolve(events.map((event) => inputFromEvent(event as never)));
			return { customer: await graph.getCustomer(outcome.customerId!, 5), identities } as unknown as { customer: IDataObject & { id: string }; identities: Identity[] };
		}

		const run = (parameters: INodeParameters, items: IDataObject[] = [{}], onError?: 'continueRegularOutput' | 'continueErrorOutput') =>
			runWorkflow({
				nodeTypes: { omnichannelEngagementPolicy: new OmnichannelEngagementPolicy() },
				nodes: [{ name: POLICY, type: 'omnichannelEngagementPolicy', parameters, onError }],
				credentials: { omnichannelStoreApi: credential },
				items: items.map((json) => ({ json })),
			});

		it('has three outputs, Send Now, Later and Blocked, and names the operation under the node', () => {
			const type = new OmnichannelEngagementPolicy();
			const node: INode = { id: 'policy', name: POLICY, type: 'omnichannelEngagementPolicy', typeVersion: 1, position: [0, 0], parameters: { operation: 'fallbackSweep' } };
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new HarnessNodeTypes({ omnichannelEngagementPolicy: type }) });
			expect(NodeHelpers.getNodeOutputs(workflow, node, type.description)).toHaveLength(3);
			expect(type.description.outputNames).toEqual(['Send Now', 'Later', 'Blocked']);
			expect(workflow.expression.getSimpleParameterValue(node, type.description.subtitle!, 'internal', {})).toBe('Fallback Sweep');
			expect(type.description.usableAsTool).toBeUndefined();
		});

		it('sends each customer on their best channel, personalized, and blocks the opted-out and the capped with the reason', async () => {
			const ana = await customerItem({ name: 'Ana Souza', language: 'pt' }, (identities) => [inboundMessage([identities[0]], { timestamp: ago(90) })]);
			const bruno = await customerItem({ name: 'Bruno Lima', language: 'pt' }, (identities) => [inboundMessage([identities[0]], { channel: 'sms', provider: 'twilio', text: 'PARAR', timestamp: ago(600) })]);
			const carla = await customerItem({ name: 'Carla Dias' }, (identities) => [outboundEvent([identities[1]], { type: 'message', channel: 'email', category: 'marketing', text: 'newsletter', timestamp: ago(60) })]);
			const result = await run(decide(), [ana, bruno, carla].map(({ customer }) => ({ customer })));
			expect(result.error).toBeUndefined();
			const [sent] = result.jsonOf(POLICY, SEND_NOW);
			expect(result.outputOf(POLICY, SEND_NOW).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
			expect(sent).toMatchObject({
				customer: { id: ana.customer.id },
				policy: { decision: 'send', channel: 'whatsapp', route: 'whatsappCloud', recipient: ana.identities[0].value, form: 'text', text: 'Olá Ana, a Black Friday começou', language: 'pt', messageKey: 'black-friday' },
			});
			expect(result.jsonOf(POLICY, LATER)).toEqual([]);
			const blocked = result.jsonOf(POLICY, BLOCKED);
			expect(result.outputOf(POLICY, BLOCKED).map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
			expect(blocked.map((item) => (item.policy as IDataObject).reason)).toEqual([
				`no consent: the customer opted out of marketing messages on SMS, which counts on every channel on ${ago(600).slice(0, 10)} (keyword)`,
				'cap reached: 1 marketing message in the last 24 hours, and the limit is 1 a day',
			]);
			// Running the campaign again sends nothing twice.
			const again = await run(decide(), [{ customer: ana.customer }]);
			expect(again.jsonOf(POLICY, BLOCKED)[0]).toMatchObject({ policy: { code: 'already-sent' } });
		});

		it('sends WhatsApp’s template outside the 24-hour window and holds a message during the customer’s quiet hours', async () => {
			const dora = await customerItem({ name: 'Dora Reis', language: 'pt-BR' }, (identities) => [inboundMessage([identities[0]], { timestamp: ago(30 * 60) })]);
			const [templated] = (await run(decide({ messageKey: 'templated' }), [{ customer: dora.customer }])).jsonOf(POLICY, SEND_NOW);
			expect(templated.policy).toMatchObject({ channel: 'whatsapp', form: 'template', template: { name: 'black_friday', language: 'pt_BR', variables: ['Dora'] } });

			// Quiet from an hour ago to two hours from now in the customer's own zone.
			const edgar = await customerItem({ timeZone: 'Asia/Tokyo' });
			const local = DateTime.now().setZone('Asia/Tokyo').startOf('hour');
			const quietHours = `${local.minus({ hours: 1 }).toFormat('HH:mm')}-${local.plus({ hours: 2 }).toFormat('HH:mm')}`;
			const result = await run(decide({ messageKey: 'quiet', quietHours }), [{ customer: edgar.customer }]);
			const [later] = result.jsonOf(POLICY, LATER);
			expect(later.policy).toMatchObject({ decision: 'later', timeZone: 'Asia/Tokyo', timeZoneSource: 'trait' });
			expect(Date.parse(String((later.policy as IDataObject).sendAt))).toBe(local.plus({ hours: 2 }).toMillis());
			expect(String((later.policy as IDataObject).sendAt)).toMatch(/\+09:00$/);
		});

		it('works after Customer Merge: Get Customer by e-mail, then Decide', async () => {
			const fabio = await customerItem({ name: 'Fábio Costa', language: 'es' });
			const result = await runWorkflow({
				nodeTypes: { customerMerge: new CustomerMerge(), omnichannelEngagementPolicy: new OmnichannelEngagementPolicy() },
				nodes: [
					{ name: 'Customer Merge', type: 'customerMerge', parameters: { resource: 'customer', operation: 'get', findBy: 'identifier', identifierKind: 'email', identifierValue: '={{ $json.email }}' } },
					{ name: POLICY, type: 'omnichannelEngagementPolicy', parameters: decide({ messageKey: 'after-merge' }) },
				],
				connections: chain('Customer Merge', POLICY),
				credentials: { omnichannelStoreApi: credential },
				items: [{ json: { email: fabio.identities[1].value } }],
			});
			expect(result.error).toBeUndefined();
			// Spanish is not among the versions: English; no WhatsApp template for English: SMS.
			expect(result.jsonOf(POLICY, SEND_NOW)[0].policy).toMatchObject({ channel: 'sms', recipient: fabio.identities[0].value, text: 'Hi Fábio, Black Friday is on', fallbackChannels: ['email'] });
		});

		it('sends a message on to SMS when its WhatsApp status fails, and ends the chain on a delivery', async () => {
			const gabi = await customerItem({ name: 'Gabi', language: 'pt' }, (identities) => [inboundMessage([identities[0]], { timestamp: ago(60) })]);
			expect((await run(decide({ messageKey: 'status-chain' }), [{ customer: gabi.customer }])).jsonOf(POLICY, SEND_NOW)).toHaveLength(1);
			const failed = outboundEvent(gabi.identities.slice(0, 1), { type: 'status', status: 'failed', timestamp: new Date().toISOString(), error: { code: 131026, message: 'Message undeliverable' } });
			const delivered = outboundEvent(gabi.identities.slice(0, 1), { type: 'status', channel: 'sms', status: 'delivered', timestamp: new Date().toISOString() });
			const result = await run({ operation: 'fallbackOnStatus' }, [{ ...failed, customer: gabi.customer } as unknown as IDataObject]);
			expect(result.error).toBeUndefined();
			const [next] = result.jsonOf(POLICY, SEND_NOW);
			expect(next).toMatchObject({ type: 'status', status: 'failed', policy: { channel: 'sms', tried: ['whatsapp'], text: 'Olá Gabi, a Black Friday começou', messageKey: 'status-chain' } });
			const settled = await run({ operation: 'fallbackOnStatus' }, [{ ...delivered, customer: gabi.customer } as unknown as IDataObject]);
			expect([SEND_NOW, LATER, BLOCKED].map((output) => settled.outputOf(POLICY, output).length)).toEqual([0, 0, 0]);
			const rows = await db.query<{ channel: string; outcome: string }>('SELECT channel, outcome FROM engagement_sends WHERE customer_id = $1 ORDER BY decided_at, id', [gabi.customer.id]);
			expect(rows).toEqual([
				{ channel: 'whatsapp', outcome: 'failed' },
				{ channel: 'sms', outcome: 'delivered' },
			]);
		});

		it('sweeps messages with no delivery after the minutes given on to the next channel', async () => {
			const hana = await customerItem({ name: 'Hana', language: 'pt' }, (identities) => [inboundMessage([identities[0]], { timestamp: ago(60) })]);
			await run(decide({ messageKey: 'sweep' }), [{ customer: hana.customer }]);
			const sweep = { operation: 'fallbackSweep', afterMinutes: 30, confirmation: 'delivered', maxMessages: 500 };
			expect((await run(sweep)).jsonOf(POLICY, SEND_NOW).filter((item) => (item.customer as IDataObject).id === hana.customer.id)).toEqual([]);
			await db.query(`UPDATE engagement_sends SET decided_at = decided_at - interval '40 minutes' WHERE customer_id = $1`, [hana.customer.id]);
			const result = await run(sweep);
			const mine = result.jsonOf(POLICY, SEND_NOW).filter((item) => (item.customer as IDataObject).id === hana.customer.id);
			expect(mine).toEqual([expect.objectContaining({ policy: expect.objectContaining({ channel: 'sms', tried: ['whatsapp'], recipient: hana.identities[0].value }) })]);
			expect(result.outputOf(POLICY, SEND_NOW)[0].pairedItem).toEqual({ item: 0 });
		});

		it('decides the items of a run together; an unknown customer stops the run before anything is claimed, or with continue on fail leaves by Blocked', async () => {
			const [jon, kim] = [await customerItem({ name: 'Jon' }), await customerItem({ name: 'Kim' })];
			const unknown = '01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a12';
			const items = [{ customer: jon.customer }, { customer: { id: unknown } }, { customer: kim.customer }];
			const stopped = await run(decide({ messageKey: 'together' }), items);
			expect(stopped.error?.message).toBe(`No customer with id "${unknown}": it may have been forgotten, or the id is mistyped`);
			expect((stopped.error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
			const claimed = await db.query('SELECT 1 FROM engagement_sends WHERE customer_id = ANY($1::uuid[])', [[jon.customer.id, kim.customer.id]]);
			expect(claimed).toEqual([]);
			const tolerant = await run(decide({ messageKey: 'together' }), items, 'continueRegularOutput');
			expect(tolerant.outputOf(POLICY, SEND_NOW).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
			expect(tolerant.jsonOf(POLICY, SEND_NOW).map((item) => (item.customer as IDataObject).id)).toEqual([jon.customer.id, kim.customer.id]);
			expect(tolerant.outputOf(POLICY, BLOCKED)).toEqual([expect.objectContaining({ pairedItem: { item: 1 }, json: expect.objectContaining({ error: expect.stringContaining(unknown) }) })]);
		});

		it('says what to fix: no customer, no message key, quiet hours mistyped; with continue on fail the item leaves by Blocked', async () => {
			const noCustomer = await run(decide(), [{ name: 'nobody' }]);
			expect(noCustomer.error?.message).toBe('Item 1 has no customer ID');
			expect(noCustomer.error?.description).toContain('Put Customer Merge');
			const ivo = await customerItem();
			expect((await run(decide({ messageKey: ' ' }), [{ customer: ivo.customer }])).error?.message).toBe('No message key given');
			expect((await run(decide({ quietHours: '9pm-8am' }), [{ customer: ivo.customer }])).error?.message).toBe('Quiet Hours: "9pm" is not a time: write HH:MM in 24-hour time, such as "09:00"');
			const forgotten = '01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11';
			const tolerant = await run(decide(), [{ customer: { id: forgotten } }, { customer: ivo.customer }], 'continueRegularOutput');
			expect(tolerant.jsonOf(POLICY, BLOCKED)).toEqual([{ customer: { id: forgotten }, error: `No customer with id "${forgotten}": it may have been forgotten, or the id is mistyped` }]);
			expect(tolerant.jsonOf(POLICY, SEND_NOW)).toHaveLength(1);
		});
	});
}
