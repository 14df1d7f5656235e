import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { closeStores, CustomerGraph, openStore, type Customer, type ResolveOutcome } from '../../core';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { CustomerMerge } from '../../nodes/CustomerMerge/CustomerMerge.node';
import { OmnichannelConversation } from '../../nodes/OmnichannelConversation/OmnichannelConversation.node';
import { OmnichannelReply } from '../../nodes/OmnichannelReply/OmnichannelReply.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { inboundMessage } from '../support/events';
import { sendJson, startLocalServer, type LocalServer } from '../support/local-server';
import { chain, runWorkflow } from '../support/n8n-harness';
import { dropSchema, postgresUnavailable, uniqueSchema } from '../support/postgres';

const STORES: { name: string; available: boolean; credential: () => ICredentialDataDecryptedObject }[] = [
	{ name: 'embedded store in a folder', available: true, credential: () => ({ storeType: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-shared-')) }) },
	{
		name: 'PostgreSQL server',
		available: !postgresUnavailable,
		credential: () => ({ storeType: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema: uniqueSchema('omni_shared_node') }),
	},
];

const locator = (value: string) => ({ __rl: true, mode: 'id', value });
type Item = IDataObject & { customer: Customer | null; resolution: ResolveOutcome };

for (const store of STORES) {
	(store.available ? describe : describe.skip)(`a family's shared WhatsApp through n8n — ${store.name}`, () => {
		let credential: ICredentialDataDecryptedObject;
		let graph: CustomerGraph;
		let api: LocalServer;
		let family = 0;
		beforeAll(async () => {
			credential = store.credential();
			graph = new CustomerGraph(await openStore(storeConfigFromCredential(credential)));
			// Answers like WhatsApp's Cloud API send endpoint.
			api = await startLocalServer((request, response) => {
				if (request.path.endsWith('/messages')) return sendJson(response, 200, { messaging_product: 'whatsapp', contacts: [{ input: '1', wa_id: '1' }], messages: [{ id: `wamid.REPLY${api.requests.length}` }] });
				return sendJson(response, 404, { error: `unexpected ${request.method} ${request.path}` });
			});
		});
		afterAll(async () => {
			await api.close();
			await closeStores();
			if (credential.storeType === 'postgres') await dropSchema(String(credential.schema));
			else rmSync(String(credential.folder), { recursive: true, force: true });
		});

		const nodeTypes = { customerMerge: new CustomerMerge(), omnichannelConversation: new OmnichannelConversation(), omnichannelReply: new OmnichannelReply() };
		const resolveNode = { name: 'Customer Merge', type: 'customerMerge', parameters: { operation: 'resolve' } };
		/** Nodes run in a chain on `items`, with the store and WhatsApp credentials. */
		const flow = (nodes: (Partial<INode> & { name: string; type: string; parameters: INodeParameters })[], items: object[]) =>
			runWorkflow({
				nodeTypes,
				nodes,
				connections: chain(...nodes.map((node) => node.name)),
				credentials: {
					omnichannelStoreApi: credential,
					omnichannelWhatsAppCloudApi: { accessToken: 'wa-token', appSecret: 's', verifyToken: 'v', phoneNumberId: '106540000000001', apiVersion: 'v26.0', baseUrl: api.url },
				},
				credentialTypes: [new WhatsAppCloudApi()],
				items: items.map((json) => ({ json: json as IDataObject })),
			});

		/** Maria and João register, each with their e-mail, from the family's WhatsApp; the son has an address on file. */
		const household = async () => {
			const phone = `+552198765${String((process.pid * 10 + ++family) % 10_000).padStart(4, '0')}`;
			const registration = { operation: 'resolve', identifyBy: 'fields', email: '={{ $json.email }}', phone: '={{ $json.phone }}', name: '={{ $json.name }}' };
			const result = await flow([{ ...resolveNode, parameters: registration }], [
				{ email: `maria${family}@example.org`, phone, name: 'Maria Souza' },
				{ email: `joao${family}@example.org`, phone, name: 'João Souza' },
			]);
			expect(result.error).toBeUndefined();
			const [mother, son] = result.jsonOf('Customer Merge') as Item[];
			await graph.updateTraits(son.customer!.id, { address: 'Rua das Flores 12, Niterói' });
			const message = (text: string) => inboundMessage([{ kind: 'phone', value: phone }], { account: '106540000000001', text, from: { identities: [{ kind: 'phone', value: phone }], name: 'Família Souza' } });
			return { phone, mother, son, message };
		};

		it('keeps the mother and the son two customers linked by their phone', async () => {
			const { phone, mother, son } = await household();
			expect(son.customer!.id).not.toBe(mother.customer!.id);
			expect(son.resolution).toMatchObject({ created: true, shared: { identifier: { kind: 'phone', value: phone }, confirmed: true } });
			expect(son.resolution.warnings).toContain(`the phone ${phone} is shared by Maria Souza and João Souza: not merged`);
			expect(son.customer).toMatchObject({ identities: [{ kind: 'email', value: `joao${family}@example.org` }, { kind: 'phone', value: phone }], sharedIdentities: [{ kind: 'phone', value: phone }] });
		});

		it('puts a message from the phone on the latest user, unconfirmed, and the Conversation node opens nothing for it', async () => {
			const { phone, mother, son, message } = await household();
			const result = await flow([resolveNode, { name: 'Conversation', type: 'omnichannelConversation', parameters: { resource: 'conversation', operation: 'openOrContinue' } }], [message('oi, cadê meu pedido?')]);
			expect(result.error?.message).toBe(`Item 1: no conversation was opened: the message came from the phone ${phone}, which 2 customers share, and who is writing is not confirmed`);
			const [item] = result.jsonOf('Customer Merge') as Item[];
			expect(item.customer!.id).toBe(son.customer!.id);
			expect(item.resolution.shared).toEqual({
				identifier: { kind: 'phone', value: phone },
				customers: expect.arrayContaining([
					{ id: mother.customer!.id, firstName: 'maria' },
					{ id: son.customer!.id, firstName: 'joao' },
				]),
				confirmed: false,
			});
			// Nothing of Maria's is on the item.
			expect(JSON.stringify(item)).not.toContain(`maria${family}@example.org`);
		});

		it("never replies with the presumed customer's data to the shared phone, and sends what holds none", async () => {
			const { message } = await household();
			api.requests.length = 0;
			const reply = (text: string) => ({ name: 'Reply', type: 'omnichannelReply', parameters: { channels: ['whatsappCloud'], text } });
			const leaking = await flow([resolveNode, reply('=We deliver to {{ $json.customer.traits.address }} tomorrow')], [message('quando chega?')]);
			expect(leaking.error?.message).toContain('Item 1: the message shows their address to the phone');
			expect(api.requests).toHaveLength(0);
			const asking = await flow([resolveNode, reply('Who is writing? Answer with your name.')], [message('quando chega?')]);
			expect(asking.error).toBeUndefined();
			expect(api.requests).toHaveLength(1);
		});

		it('Confirm Customer settles who wrote: the message moves to their history, the next ones are presumed theirs', async () => {
			const { mother, son, message } = await household();
			const question = message('sou eu, a Maria');
			const confirm = { name: 'Confirm', type: 'customerMerge', parameters: { operation: 'confirm', customer: locator(mother.customer!.id) } };
			const conversation = { name: 'Conversation', type: 'omnichannelConversation', parameters: { resource: 'conversation', operation: 'openOrContinue' } };
			const result = await flow([resolveNode, confirm, conversation], [question]);
			expect(result.error).toBeUndefined();
			const [confirmed] = result.jsonOf('Confirm') as Item[];
			expect(confirmed.customer!.id).toBe(mother.customer!.id);
			expect(confirmed.resolution.shared).toMatchObject({ confirmed: true });
			expect(confirmed.customer!.history.map((entry) => entry.externalId)).toEqual([question.externalId]);
			expect((await graph.getCustomer(son.customer!.id, 10))!.history).toEqual([]);
			expect(result.jsonOf('Conversation')[0]).toMatchObject({ customer: { id: mother.customer!.id }, conversation: { opened: true } });

			const next = await flow([resolveNode], [message('e o boleto?')]);
			expect((next.jsonOf('Customer Merge')[0] as Item).customer!.id).toBe(mother.customer!.id);
		});

		it('refuses to confirm someone who does not share the phone', async () => {
			const { message } = await household();
			const [stranger] = await graph.resolve([{ identities: [{ kind: 'email', value: `stranger${family}@example.org` }] }]);
			const result = await flow([resolveNode, { name: 'Confirm', type: 'customerMerge', parameters: { operation: 'confirm', customer: locator(stranger.customerId!) } }], [message('oi')]);
			expect(result.error?.message).toContain(`Customer ${stranger.customerId} is not one of the 2 customers who share the phone`);
		});
	});
}
