import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { closeStores, ConversationRouter, openStore, type Conversation, type ConversationDetail, type Database } from '../../core';
import { inboundAdapter } from '../../core/channels/registry';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { CustomerMerge } from '../../nodes/CustomerMerge/CustomerMerge.node';
import { OmnichannelConversation } from '../../nodes/OmnichannelConversation/OmnichannelConversation.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { inboundMessage } from '../support/events';
import { sendJson, startLocalServer, type LocalServer } from '../support/local-server';
import { chain, runListSearch, runWorkflow } from '../support/n8n-harness';
import { dropSchema, postgresUnavailable, uniqueSchema } from '../support/postgres';
import { SHARED_CHANNEL_FIXTURES } from '../support/shared-fixtures';

const STORES: { name: string; available: boolean; credential: () => ICredentialDataDecryptedObject }[] = [
	{ name: 'embedded store in a folder', available: true, credential: () => ({ storeType: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-conversation-')) }) },
	{
		name: 'PostgreSQL server',
		available: !postgresUnavailable,
		credential: () => ({ storeType: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema: uniqueSchema('omni_conv_node') }),
	},
];

/** A resource locator's value as the editor saves it. */
const locator = (value: string, mode: 'list' | 'id' = 'list') => ({ __rl: true, mode, value });

let people = 0;
/** A phone number nobody else in the store has. */
const newPhone = () => ({ kind: 'phone' as const, value: `+55119${String((process.pid * 100 + ++people) % 100_000_000).padStart(8, '0')}` });

type ConversationItem = IDataObject & { conversation: Conversation & { opened: boolean; reopened: boolean }; customer: { id: string } };

for (const store of STORES) {
	(store.available ? describe : describe.skip)(`Omnichannel Conversation node through n8n — ${store.name}`, () => {
		let credential: ICredentialDataDecryptedObject;
		let db: Database;
		let api: LocalServer;
		beforeAll(async () => {
			credential = store.credential();
			db = await openStore(storeConfigFromCredential(credential));
			// Answers like WhatsApp's Cloud API send endpoint.
			api = await startLocalServer((request, response) => {
				if (request.path.endsWith('/messages')) return sendJson(response, 200, { messaging_product: 'whatsapp', contacts: [{ input: '15555550123', wa_id: '15555550123' }], messages: [{ id: `wamid.REPLY${api.requests.length}` }] });
				return sendJson(response, 404, { error: `unexpected ${request.method} ${request.path}` });
			});
		});
		afterAll(async () => {
			await api.close();
			await closeStores();
			if (credential.storeType === 'postgres') await dropSchema(String(credential.schema));
			else rmSync(String(credential.folder), { recursive: true, force: true });
		});

		const whatsappCredential = () => ({ accessToken: 'wa-token', appSecret: 's', verifyToken: 'v', phoneNumberId: 'PHONE_ID', apiVersion: 'v26.0', baseUrl: api.url });

		/** Runs the Conversation node alone on `items`. */
		const conversationNode = (parameters: INodeParameters, items: IDataObject[] = [{}]) =>
			runWorkflow({
				nodeTypes: { omnichannelConversation: new OmnichannelConversation() },
				nodes: [{ name: 'Conversation', type: 'omnichannelConversation', parameters }],
				credentials: { omnichannelStoreApi: credential, omnichannelWhatsAppCloudApi: whatsappCredential() },
				credentialTypes: [new WhatsAppCloudApi()],
				items: items.map((json) => ({ json })),
			});

		/** Customer Merge (Resolve) then the Conversation node, as a flow after a channel trigger has them. */
		const afterMerge = (events: object[], parameters: INodeParameters = { resource: 'conversation', operation: 'openOrContinue' }) =>
			runWorkflow({
				nodeTypes: { customerMerge: new CustomerMerge(), omnichannelConversation: new OmnichannelConversation() },
				nodes: [
					{ name: 'Customer Merge', type: 'customerMerge', parameters: { operation: 'resolve' } },
					{ name: 'Conversation', type: 'omnichannelConversation', parameters },
				],
				connections: chain('Customer Merge', 'Conversation'),
				credentials: { omnichannelStoreApi: credential, omnichannelWhatsAppCloudApi: whatsappCredential() },
				credentialTypes: [new WhatsAppCloudApi()],
				items: events.map((json) => ({ json: json as IDataObject })),
			});

		/** A new customer's conversation, opened by their WhatsApp message. */
		const newConversation = async () => {
			const result = await afterMerge([inboundMessage([newPhone()])]);
			expect(result.error).toBeUndefined();
			return (result.jsonOf('Conversation')[0] as ConversationItem).conversation;
		};

		const upsertAgent = (parameters: INodeParameters) => conversationNode({ resource: 'agent', operation: 'upsert', ...parameters });

		it('keeps one conversation for a customer who moves from WhatsApp to Instagram, with the message still on the item', async () => {
			const phone = newPhone();
			const instagram = { kind: 'instagram' as const, value: `17841400000000001:${process.pid}${people}` };
			const first = await afterMerge([inboundMessage([phone], { text: 'where is my order?' })]);
			const second = await afterMerge([inboundMessage([phone, instagram], { channel: 'instagram', text: 'any news?' })]);
			expect(first.error).toBeUndefined();
			expect(second.error).toBeUndefined();
			const [opened] = first.jsonOf('Conversation') as ConversationItem[];
			const [continued] = second.jsonOf('Conversation') as ConversationItem[];
			expect(opened.conversation).toMatchObject({ opened: true, status: 'open', lastChannel: 'whatsapp', channelSwitches: 0 });
			expect(continued.conversation).toMatchObject({ id: opened.conversation.id, opened: false, reopened: false, lastChannel: 'instagram', channelSwitches: 1 });
			// What a Router after this node reads: the event at the top, the customer and the conversation.
			expect(continued).toMatchObject({ channel: 'instagram', text: 'any news?', customer: { id: opened.customer.id } });
			expect(second.outputOf('Conversation')[0].pairedItem).toEqual({ item: 0 });
		});

		it('says to put Customer Merge first when an item has no customer', async () => {
			const result = await conversationNode({ resource: 'conversation', operation: 'openOrContinue' }, [inboundMessage([newPhone()]) as unknown as IDataObject]);
			expect(result.error?.message).toBe('Item 1 has no customer, so there is no conversation to open');
			expect(result.error?.description).toContain('Put Customer Merge (Resolve Customer) before this node');
		});

		it('adds agents, sets their status and lists them with their load, by the rules of the agents file', async () => {
			const added = await upsertAgent({ agentId: 'ana', name: 'Ana', email: 'ana@acme.test', queues: 'Support;Billing', capacity: 'chat=1;call=1', languages: 'pt-BR;en' });
			expect(added.error).toBeUndefined();
			expect(added.jsonOf('Conversation')[0]).toMatchObject({ id: 'ana', created: true, status: 'offline', queues: ['Support', 'Billing'], capacity: { chat: 1, call: 1 }, languages: ['pt-BR', 'en'] });

			const updated = await upsertAgent({ agentId: 'ana', name: 'Ana Souza', queues: 'Support', capacity: 'chat=1' });
			expect(updated.jsonOf('Conversation')[0]).toMatchObject({ id: 'ana', name: 'Ana Souza', created: false, queues: ['Support'] });

			const refused = await upsertAgent({ agentId: 'bad', name: 'Bad', capacity: 'chat=three' });
			expect(refused.error?.message).toBe('Item 1: capacity "chat" must be a whole number ≥ 0, such as chat=3 (got "three")');

			const online = await conversationNode({ resource: 'agent', operation: 'setStatus', agent: locator('ana'), agentStatus: 'online' });
			expect(online.jsonOf('Conversation')[0]).toMatchObject({ id: 'ana', status: 'online' });

			const search = await runListSearch({ nodeType: new OmnichannelConversation(), method: 'searchAgents', filter: 'souza', credentials: { omnichannelStoreApi: credential } });
			expect(search.results).toEqual([expect.objectContaining({ value: 'ana', name: expect.stringContaining('Ana Souza (online') })]);

			const listed = await conversationNode({ resource: 'agent', operation: 'list', filters: { status: ['online'] } });
			expect(listed.jsonOf('Conversation')).toEqual([expect.objectContaining({ id: 'ana', load: {}, loadText: 'chat 0/1' })]);
		});

		it('assigns within capacity, and refuses a full agent in words', async () => {
			await upsertAgent({ agentId: 'carla', name: 'Carla', queues: 'Support', capacity: 'chat=1', agentStatus: 'online' });
			const first = await newConversation();
			const second = await newConversation();
			const assign = (conversationId: string, options: { exceedCapacity?: boolean } = {}) => conversationNode({ resource: 'conversation', operation: 'assign', conversationId, agent: locator('carla', 'id'), options });

			const assigned = await assign(first.id);
			expect(assigned.error).toBeUndefined();
			expect(assigned.jsonOf('Conversation')[0]).toMatchObject({ conversation: { id: first.id, assignee: { id: 'carla', name: 'Carla' } }, assignment: { reason: 'assigned to Carla by hand' } });

			const refused = await assign(second.id);
			expect(refused.error?.message).toBe('Carla has 1 of 1 chat: no room for this conversation');
			const forced = await assign(second.id, { exceedCapacity: true });
			expect(forced.jsonOf('Conversation')[0]).toMatchObject({ conversation: { assignee: { id: 'carla' } }, assignment: { reason: 'assigned to Carla by hand, over capacity (2 of 1 chat)' } });
		});

		it("sends the agent's reply on the customer's WhatsApp, records the first response, and the transcript shows both", async () => {
			const [event] = inboundAdapter('whatsapp')!.parse(readFileSync(join(SHARED_CHANNEL_FIXTURES, 'whatsapp-text.json')), {});
			const opened = await afterMerge([event]);
			const item = opened.jsonOf('Conversation')[0] as ConversationItem;
			expect(item.conversation.waitingSince).not.toBeNull();

			api.requests.length = 0;
			const replied = await conversationNode({ resource: 'conversation', operation: 'recordAgentReply', channels: ['whatsappCloud'], text: 'Your order ships today.', agent: locator('ana', 'id') }, [item]);
			expect(replied.error).toBeUndefined();
			expect(api.requests).toHaveLength(1);
			expect(api.requests[0].json).toMatchObject({ to: '15555550123', text: { body: 'Your order ships today.' } });
			const [reply] = replied.jsonOf('Conversation') as (IDataObject & { conversation: Conversation })[];
			expect(reply).toMatchObject({ direction: 'outbound', channel: 'whatsapp', text: 'Your order ships today.', author: { type: 'agent', id: 'ana' } });
			expect(reply.conversation).toMatchObject({ id: item.conversation.id, waitingSince: null, firstResponseAt: reply.timestamp });

			const got = await conversationNode({ resource: 'conversation', operation: 'get', findBy: 'customer', customerId: item.customer.id }, [{}]);
			const detail = got.jsonOf('Conversation')[0].conversation as ConversationDetail;
			const lines = detail.transcript.split('\n');
			expect(lines).toHaveLength(2);
			expect(lines[0]).toMatch(/ WhatsApp\] Customer: /);
			expect(lines[1]).toMatch(/ WhatsApp\] Agent \(ana\): Your order ships today\.$/);
		});

		it('stops before sending when the item carries no customer message to answer', async () => {
			const conversation = await newConversation();
			api.requests.length = 0;
			const result = await conversationNode({ resource: 'conversation', operation: 'recordAgentReply', channels: ['whatsappCloud'], text: 'Hello', conversationId: conversation.id }, [{ conversation }]);
			expect(result.error?.message).toBe('Item 1 is not a channel event, so there is nothing to reply to');
			expect(api.requests).toHaveLength(0);
		});

		it('snoozes a conversation until a time, and says what to give when the time has passed', async () => {
			const conversation = await newConversation();
			const until = new Date(Date.now() + 2 * 3_600_000).toISOString();
			const snoozed = await conversationNode({ resource: 'conversation', operation: 'setStatus', status: 'snoozed', snoozeUntil: until }, [{ conversation }]);
			expect(snoozed.error).toBeUndefined();
			expect(snoozed.jsonOf('Conversation')[0].conversation).toMatchObject({ id: conversation.id, status: 'snoozed', snoozedUntil: until });

			const past = await conversationNode({ resource: 'conversation', operation: 'setStatus', status: 'snoozed', snoozeUntil: '2020-01-01T00:00:00Z' }, [{ conversation }]);
			expect(past.error?.message).toMatch(/^Snoozing needs snoozedUntil, a time in the future to wake up at/);
		});

		it('adds a note and tags that Get shows', async () => {
			const conversation = await newConversation();
			await conversationNode({ resource: 'conversation', operation: 'addNote', note: 'Asked for a refund', author: 'Ana' }, [{ conversation }]);
			const tagged = await conversationNode({ resource: 'conversation', operation: 'tag', tagAction: 'add', tags: 'vip, refund' }, [{ conversation }]);
			expect(tagged.jsonOf('Conversation')[0].conversation).toMatchObject({ tags: ['vip', 'refund'] });
			const untagged = await conversationNode({ resource: 'conversation', operation: 'tag', tagAction: 'remove', tags: 'refund' }, [{ conversation }]);
			expect(untagged.jsonOf('Conversation')[0].conversation).toMatchObject({ tags: ['vip'] });
			const got = await conversationNode({ resource: 'conversation', operation: 'get', conversationId: conversation.id });
			expect(got.jsonOf('Conversation')[0]).toMatchObject({ found: true, conversation: { id: conversation.id, notes: [{ text: 'Asked for a refund', author: 'Ana' }], tags: ['vip'] } });
		});

		it('lists the conversations of a queue, one item each', async () => {
			const conversation = await newConversation();
			await new ConversationRouter(db).routeConversation(conversation.id, { routes: [{ name: 'Billing', queue: `Billing ${store.name}` }], facts: { channel: 'whatsapp' } });
			const listed = await conversationNode({ resource: 'conversation', operation: 'list', filters: { queue: `Billing ${store.name}` } });
			expect(listed.jsonOf('Conversation')).toEqual([{ conversation: expect.objectContaining({ id: conversation.id, queue: `Billing ${store.name}` }) }]);
		});

		it("takes the conversations of an agent who went offline and outputs them to be routed again", async () => {
			await upsertAgent({ agentId: 'bruno', name: 'Bruno', queues: 'Support', capacity: 'chat=5', agentStatus: 'online' });
			const conversation = await newConversation();
			await conversationNode({ resource: 'conversation', operation: 'assign', conversationId: conversation.id, agent: locator('bruno', 'id') });
			await conversationNode({ resource: 'agent', operation: 'setStatus', agent: locator('bruno', 'id'), agentStatus: 'offline' });

			const result = await conversationNode({ resource: 'conversation', operation: 'reassignWaiting', whenWaiting: false }, [{ ignored: 1 }, { ignored: 2 }]);
			expect(result.error).toBeUndefined();
			const taken = result.jsonOf('Conversation').filter((item) => (item.conversation as Conversation).id === conversation.id);
			expect(taken).toEqual([
				{
					conversation: expect.objectContaining({ id: conversation.id, assignee: null, routing: expect.objectContaining({ agent: null, reason: 'Bruno is offline: waiting in queue to be routed again' }) }),
					customer: expect.objectContaining({ id: conversation.customerId }),
					channel: 'whatsapp',
					reassign: { reason: 'Bruno is offline', previousAgent: 'bruno' },
				},
			]);
			const again = await conversationNode({ resource: 'conversation', operation: 'reassignWaiting', whenWaiting: false });
			expect(again.jsonOf('Conversation').filter((item) => (item.conversation as Conversation).id === conversation.id)).toEqual([]);
		});
	
		it('takes a conversation whose customer waited too long from its agent, saying how long', async () => {
			await upsertAgent({ agentId: 'dora', name: 'Dora', queues: 'Support', capacity: 'chat=5', agentStatus: 'online' });
			const conversation = await newConversation();
			await conversationNode({ resource: 'conversation', operation: 'assign', conversationId: conversation.id, agent: locator('dora', 'id') });
			const result = await conversationNode({ resource: 'conversation', operation: 'reassignWaiting', waitedMinutes: 0, whenAgentOffline: false });
			const [taken] = result.jsonOf('Conversation').filter((item) => (item.conversation as Conversation).id === conversation.id);
			expect(taken.reassign).toEqual({ reason: expect.stringMatching(/^the customer waited \d+ minutes for an answer from Dora$/), previousAgent: 'dora' });
			expect(taken.conversation).toMatchObject({ assignee: null });
		});
	});
}
