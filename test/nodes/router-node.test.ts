import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHelpers, Workflow, type ICredentialDataDecryptedObject, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';
import { closeStores, Conversations, CustomerGraph, openStore, Team, WEEKDAYS, type CanonicalEvent, type Database, type Traits } from '../../core';
import { OmnichannelRouter } from '../../nodes/OmnichannelRouter/OmnichannelRouter.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { insertConversation } from '../support/conversations';
import { inboundMessage } from '../support/events';
import { HarnessNodeTypes } from '../support/harness-execution';
import { runWorkflow } from '../support/n8n-harness';

const ROUTER = 'Omnichannel Router';
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();

interface Routing {
	route: string | null;
	queue: string | null;
	agent: { id: string; name: string } | null;
	priority: string;
	dueAt: string | null;
	reason: string;
	matched: string[];
}

/** A route as the editor saves it. */
const route = (name: string, queue: string, more: IDataObject = {}): IDataObject => ({ name, queue, priority: 'normal', strategy: 'none', ...more });

const parameters = (routes: IDataObject[], more: INodeParameters = {}): INodeParameters => ({ routes: { route: routes }, fallback: true, fallbackQueue: 'General', ...more }) as INodeParameters;

const agent = (id: string, name: string, more: IDataObject = {}) => ({ id, name, queues: ['Support', 'VIP'], capacity: { chat: 2, email: 5 }, status: 'online', ...more });

describe('Omnichannel Router node through n8n — embedded store in a folder', () => {
	let credential: ICredentialDataDecryptedObject;
	let db: Database;
	let people = 0;

	beforeAll(async () => {
		credential = { storeType: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-router-')) };
		db = await openStore(storeConfigFromCredential(credential));
		// Open only on the weekday three days from now, so that now is always outside its hours.
		const openDay = WEEKDAYS[(new Date(Date.now() + 3 * 24 * 60 * MINUTE).getUTCDay() + 6) % 7];
		await new Team(db).importQueues([{ name: 'Office', schedule: { timeZone: 'UTC', weekly: { [openDay]: ['10:00-11:00'] } }, sla: { firstResponse: 60 } }, { name: 'Support' }, { name: 'VIP' }]);
	});
	afterAll(async () => {
		await closeStores();
		rmSync(String(credential.folder), { recursive: true, force: true });
	});
	beforeEach(async () => {
		await db.query('DELETE FROM conversations');
		await db.query('DELETE FROM agents');
		await new Team(db).importAgents([agent('ana', 'Ana'), agent('bruno', 'Bruno')]);
	});

	/**
	 * The item an Omnichannel Conversation node's Open or Continue gives: the channel event, the
	 * customer Customer Merge found and recorded it for, and the customer's conversation.
	 */
	async function conversationItem(text: string, { traits, channel = 'whatsapp', at = ago(1), email }: { traits?: Traits; channel?: CanonicalEvent['channel']; at?: string; email?: string } = {}) {
		const identities = [{ kind: 'email' as const, value: email ?? `router-${process.pid}-${++people}@example.org` }];
		const event = inboundMessage(identities, { channel, text, timestamp: at });
		const graph = new CustomerGraph(db);
		const [outcome] = await graph.resolve([{ identities, traits, event }]);
		const { conversation } = await new Conversations(db).openOrContinue(outcome.customerId!, event);
		const customer = await graph.getCustomer(outcome.customerId!, 5);
		return { ...event, customer, conversation } as unknown as IDataObject;
	}

	const run = (nodeParameters: INodeParameters, items: IDataObject[], onError?: 'continueRegularOutput' | 'continueErrorOutput') =>
		runWorkflow({
			nodeTypes: { omnichannelRouter: new OmnichannelRouter() },
			nodes: [{ name: ROUTER, type: 'omnichannelRouter', parameters: nodeParameters, onError }],
			credentials: { omnichannelStoreApi: credential },
			items: items.map((json) => ({ json })),
		});

	const routingOf = (json: IDataObject) => json.routing as unknown as Routing;

	it('labels one output per route with its name, then Fallback, and says the routes under the node', () => {
		const type = new OmnichannelRouter();
		const evaluate = (nodeParameters: INodeParameters) => {
			const node: INode = { id: 'router', name: ROUTER, type: 'omnichannelRouter', typeVersion: 1, position: [0, 0], parameters: nodeParameters };
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new HarnessNodeTypes({ omnichannelRouter: type }) });
			const outputs = NodeHelpers.getNodeOutputs(workflow, node, type.description) as Array<{ type: string; displayName: string }>;
			const subtitle = workflow.expression.getSimpleParameterValue(node, type.description.subtitle!, 'internal', {});
			return { outputs: outputs.map((output) => `${output.type}:${output.displayName}`), subtitle };
		};
		const routes = [route('VIP', 'VIP'), route('Billing', 'Support'), route('After hours', 'Office')];
		expect(evaluate(parameters(routes))).toEqual({ outputs: ['main:VIP', 'main:Billing', 'main:After hours', 'main:Fallback'], subtitle: 'VIP, Billing, After hours' });
		expect(evaluate(parameters(routes, { fallback: false })).outputs).toEqual(['main:VIP', 'main:Billing', 'main:After hours']);
		expect(evaluate(parameters([...routes, route('', 'Support')])).outputs).toEqual(['main:VIP', 'main:Billing', 'main:After hours', 'main:Route 4', 'main:Fallback']);
		expect(evaluate(parameters([...routes, route('Sales', 'Support')])).subtitle).toBe('4 routes');
		expect(evaluate({}).outputs).toEqual(['main:Fallback']);
	});

	it('sends a VIP to the VIP output and a keyword to its route, the rest to Fallback, each paired and with its reason', async () => {
		const items = [
			await conversationItem('hi there', { traits: { plan: 'Gold' } }),
			await conversationItem('I want a REFUND please'),
			await conversationItem('hello'),
		];
		const routes = [
			route('VIP', 'VIP', { priority: 'urgent', strategy: 'leastBusy', conditions: { traits: { trait: [{ trait: 'plan', test: 'equals', value: 'gold' }] } } }),
			route('Billing', 'Support', { priority: 'high', conditions: { keywordsAny: 'invoice, refund' } }),
		];
		const result = await run(parameters(routes), items);
		expect(result.error).toBeUndefined();
		const [vip, billing, fallback] = [0, 1, 2].map((output) => result.outputOf(ROUTER, output));
		expect(vip.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(vip[0].json).toMatchObject({ text: 'hi there', conversation: { id: (items[0].conversation as IDataObject).id } });
		expect(routingOf(vip[0].json)).toEqual({ route: 'VIP', queue: 'VIP', agent: { id: 'ana', name: 'Ana' }, priority: 'urgent', dueAt: null, reason: 'least busy: Ana has 0 of 2 chats', matched: ['plan is gold'] });
		expect(billing.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(routingOf(billing[0].json)).toMatchObject({ route: 'Billing', queue: 'Support', agent: null, priority: 'high', reason: 'waiting in queue', matched: ['the text has "refund"'] });
		expect(fallback.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		expect(routingOf(fallback[0].json)).toMatchObject({ route: null, queue: 'General', agent: null, reason: 'no route matched: fallback', matched: [] });
		const [stored] = await db.query<{ assignee_id: string; queue: string; priority: string }>('SELECT assignee_id, queue, priority FROM conversations WHERE id = $1', [(items[0].conversation as IDataObject).id]);
		expect(stored).toEqual({ assignee_id: 'ana', queue: 'VIP', priority: 'urgent' });
	});

	it("takes the after-hours route when the route's queue is closed by its business hours", async () => {
		const routes = [route('After hours', 'Office', { conditions: { withinBusinessHours: 'no' } }), route('Office', 'Office')];
		const result = await run(parameters(routes), [await conversationItem('are you there?')]);
		const [item] = result.jsonOf(ROUTER, 0);
		expect(routingOf(item)).toMatchObject({ route: 'After hours', queue: 'Office', agent: null, matched: ['outside business hours'] });
		// The first response is due an hour after the queue next opens.
		expect(Date.parse(routingOf(item).dueAt!)).toBeGreaterThan(Date.now() + 60 * MINUTE);
		expect(result.outputOf(ROUTER, 1)).toEqual([]);
	});

	it('sends the customer back to the agent who served them on another channel, saying so', async () => {
		const email = `sticky-${process.pid}@example.org`;
		const first = await conversationItem('first question', { email, at: ago(3 * 24 * 60) });
		await insertConversation(db, String((first.customer as IDataObject).id), { status: 'resolved', assigneeId: 'bruno', lastChannel: 'whatsapp', resolvedAt: ago(2 * 24 * 60 + 5) });
		await db.query("UPDATE conversations SET status = 'resolved', resolved_at = $2 WHERE id = $1", [(first.conversation as IDataObject).id, ago(2 * 24 * 60 + 5)]);
		const item = await conversationItem('me again, by e-mail', { email, channel: 'email' });
		expect((item.conversation as IDataObject).id).not.toBe((first.conversation as IDataObject).id);
		const routes = [route('Support', 'Support', { sticky: true, strategy: 'leastBusy', conditions: { hasPreviousAgent: 'yes' } })];
		const [routed] = (await run(parameters(routes), [item])).jsonOf(ROUTER, 0);
		expect(routingOf(routed)).toMatchObject({ route: 'Support', agent: { id: 'bruno', name: 'Bruno' }, reason: 'sticky: Bruno answered this customer on WhatsApp 2 days ago', matched: ['served before'] });
	});

	it('never gives an agent more than their capacity in one run: the others wait in the queue, saying why', async () => {
		await db.query('DELETE FROM agents');
		await new Team(db).importAgents([agent('solo', 'Solo', { queues: ['Support'], capacity: { chat: 1 } }), agent('away', 'Away', { status: 'away' })]);
		const items = [await conversationItem('one'), await conversationItem('two'), await conversationItem('three')];
		const result = await run(parameters([route('Support', 'Support', { strategy: 'roundRobin' })]), items);
		const routed = result.jsonOf(ROUTER, 0).map(routingOf);
		expect(routed.map((routing) => routing.agent?.id ?? null)).toEqual(['solo', null, null]);
		expect(routed[1].reason).toBe('no agent free in Support (1 online, all at capacity): waiting in queue');
		expect((await new Team(db).listAgents()).find((member) => member.id === 'solo')?.load).toEqual({ chat: 1 });

		// A second run finds Solo still full.
		const again = await run(parameters([route('Support', 'Support', { strategy: 'roundRobin' })]), [await conversationItem('four')]);
		expect(routingOf(again.jsonOf(ROUTER, 0)[0])).toMatchObject({ agent: null, reason: 'no agent free in Support (1 online, all at capacity): waiting in queue' });
	});

	it('keeps a conversation with its agent when the customer writes again, on the output of its queue', async () => {
		const email = `again-${process.pid}@example.org`;
		const routes = [route('Sales', 'Sales', { conditions: { keywordsAny: 'buy' } }), route('Support', 'Support', { strategy: 'leastBusy' })];
		const first = await run(parameters(routes), [await conversationItem('help', { email, at: ago(10) })]);
		expect(routingOf(first.jsonOf(ROUTER, 1)[0]).agent?.id).toBe('ana');
		const second = await run(parameters(routes), [await conversationItem('I want to buy, too', { email })]);
		expect(second.outputOf(ROUTER, 0)).toEqual([]);
		expect(routingOf(second.jsonOf(ROUTER, 1)[0])).toMatchObject({ route: 'Support', queue: 'Support', agent: { id: 'ana' }, reason: 'already with Ana' });
	});

	it('tells a returning customer from a recent one by the minutes since their last contact', async () => {
		const email = `returning-${process.pid}@example.org`;
		await conversationItem('a while ago', { email, at: ago(300) });
		const item = await conversationItem('back again', { email });
		const routes = [route('Recent', 'Support', { conditions: { minutesSinceLastContactBelow: 60 } }), route('Returning', 'Support', { conditions: { minutesSinceLastContactAbove: 120 } })];
		const result = await run(parameters(routes), [item, await conversationItem('first time ever')]);
		expect(result.outputOf(ROUTER, 0)).toEqual([]);
		expect(result.jsonOf(ROUTER, 1).map((json) => routingOf(json).matched)).toEqual([['last contact over 120 minutes ago'], ['first contact']]);
	});

	it('refuses two routes with one name, or an unsafe pattern, naming the route and what to fix', async () => {
		const items = [await conversationItem('hello')];
		const duplicate = await run(parameters([route('VIP', 'VIP'), route('Billing', 'Support'), route('VIP', 'Support')]), items);
		expect(duplicate.error?.message).toBe('Two routes are named "VIP"');
		expect(duplicate.error?.description).toContain('Give each route its own name');
		const unsafe = await run(parameters([route('Orders', 'Support', { conditions: { pattern: '(a+)+$' } })]), items);
		expect(unsafe.error?.message).toMatch(/^Route "Orders": the text pattern repeats a group that itself repeats/);
		const unnamed = await run(parameters([route('  ', 'Support')]), items);
		expect(unnamed.error?.message).toBe('Route 1 has no name');
	});

	it('says to put a Conversation node first for an item without a conversation, and reports unroutable conversations', async () => {
		const resolved = await conversationItem('done');
		await db.query("UPDATE conversations SET status = 'resolved', resolved_at = now() WHERE id = $1", [(resolved.conversation as IDataObject).id]);
		const good = await conversationItem('fine');
		const stopped = await run(parameters([]), [{ channel: 'whatsapp', text: 'no conversation' }]);
		expect(stopped.error?.message).toBe('Item 1 has no conversation');
		expect(stopped.error?.description).toContain('Put an Omnichannel Conversation node (Open or Continue) before the Router');

		const continued = await run(parameters([]), [{ channel: 'whatsapp', text: 'no conversation' }, resolved, good], 'continueRegularOutput');
		// Without routes, the fallback is the first output, where failed items go too.
		const first = continued.outputOf(ROUTER, 0);
		expect(first.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, 'Item 1 has no conversation'],
			[{ item: 1 }, `Item 2: conversation ${(resolved.conversation as IDataObject).id} is resolved: reopen it before routing it`],
			[{ item: 2 }, undefined],
		]);
		expect(first[1].json.text).toBe('done');
		expect(routingOf(first[2].json)).toMatchObject({ route: null, queue: 'General' });

		const errorOutput = await run(parameters([route('Support', 'Support')]), [resolved, good], 'continueErrorOutput');
		expect(errorOutput.jsonOf(ROUTER, 0).map((json) => routingOf(json).route)).toEqual(['Support']);
		expect(errorOutput.outputOf(ROUTER, 1)).toEqual([]);
		const [failed] = errorOutput.outputOf(ROUTER, 2);
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(failed.json).toMatchObject({ text: 'done', error: expect.stringContaining('is resolved: reopen it before routing it') });
	});
});
