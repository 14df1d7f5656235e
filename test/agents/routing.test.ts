import { AssignmentError, ConversationRouter, Team, type RoutingPlan } from '../../core';
import { insertAgentMessage, insertConversation, newCustomers, storedRouting } from '../support/conversations';
import { describeEachStore, useStore } from '../support/stores';

// A Wednesday: 11:00 in São Paulo, where Support opens 09:00-18:00 on weekdays.
const NOW = '2026-12-16T14:00:00.000Z';
const whatsapp = { channel: 'whatsapp' };

const agent = (id: string, name: string, more: Record<string, unknown> = {}) => ({ id, name, queues: ['Support'], capacity: { chat: 2, call: 1 }, status: 'online', ...more });

const leastBusy: RoutingPlan = { routes: [{ name: 'Support', queue: 'Support', assignment: { strategy: 'leastBusy' } }] };

describeEachStore('routing conversations to agents', (store) => {
	const { db } = useStore(store);
	const router = () => new ConversationRouter(db());
	let customers: string[];

	beforeAll(async () => {
		customers = await newCustomers(db(), 6);
		await new Team(db()).importQueues([
			{ name: 'Support', schedule: { timeZone: 'America/Sao_Paulo', weekly: { monday: ['09:00-18:00'], tuesday: ['09:00-18:00'], wednesday: ['09:00-18:00'], thursday: ['09:00-18:00'], friday: ['09:00-18:00'] } }, sla: { firstResponse: 30 } },
			{ name: 'Night', sla: { firstResponse: 60, businessHours: false } },
		]);
	});

	beforeEach(async () => {
		await db().query('DELETE FROM conversations');
		await db().query('DELETE FROM agents');
		await new Team(db()).importAgents([agent('ana', 'Ana'), agent('bruno', 'Bruno'), agent('carla', 'Carla', { status: 'away' })]);
	});

	it('assigns the least busy agent and stores the routing, the due time and when the agent was last assigned', async () => {
		await insertConversation(db(), customers[0], { assigneeId: 'ana' });
		const conversation = await insertConversation(db(), customers[1], { openedAt: '2026-12-16T13:50:00.000Z', firstInboundAt: '2026-12-16T13:55:00.000Z' });
		const routed = await router().routeConversation(conversation, { ...leastBusy, facts: whatsapp, now: NOW });
		const routing = { queue: 'Support', agent: { id: 'bruno', name: 'Bruno' }, priority: 'normal', dueAt: '2026-12-16T14:25:00.000Z', reason: 'least busy: Bruno has 0 of 2 chats' };
		expect(routed.routing).toEqual(routing);
		expect(await storedRouting(db(), conversation)).toEqual({ assignee_id: 'bruno', queue: 'Support', priority: 'normal', kind: 'chat', due_at: routing.dueAt, routing });
		const bruno = (await new Team(db()).listAgents()).find((member) => member.id === 'bruno');
		expect(bruno).toMatchObject({ lastAssignedAt: NOW, load: { chat: 1 } });
	});

	it('counts the first response in business hours: a conversation opened at night is due after opening', async () => {
		const conversation = await insertConversation(db(), customers[0], { openedAt: '2026-12-16T23:30:00.000Z' });
		const routed = await router().routeConversation(conversation, { ...leastBusy, facts: whatsapp, now: '2026-12-16T23:30:00.000Z' });
		// Thursday 09:00 in São Paulo is 12:00 UTC; plus 30 minutes.
		expect(routed.routing.dueAt).toBe('2026-12-17T12:30:00.000Z');
	});

	it('never gives a batch more than the agents can take: the rest wait in the queue, saying why', async () => {
		const ids = [];
		for (const customer of customers.slice(0, 5)) ids.push(await insertConversation(db(), customer));
		const outcomes = await router().routeConversations(ids.map((conversationId) => ({ conversationId, facts: whatsapp })), leastBusy, { now: NOW });
		expect(outcomes.map((outcome) => outcome.routing?.agent?.id ?? null)).toEqual(['ana', 'bruno', 'ana', 'bruno', null]);
		expect(outcomes[4].routing?.reason).toBe('no agent free in Support (2 online, all at capacity): waiting in queue');
		expect((await new Team(db()).listAgents()).map((member) => [member.id, member.load])).toEqual([
			['ana', { chat: 2 }],
			['bruno', { chat: 2 }],
			['carla', {}],
		]);
		expect(await storedRouting(db(), ids[4])).toMatchObject({ assignee_id: null, queue: 'Support' });
	});

	it('takes turns in round robin within one batch', async () => {
		const ids = [];
		for (const customer of customers.slice(0, 3)) ids.push(await insertConversation(db(), customer));
		const plan: RoutingPlan = { routes: [{ name: 'Support', queue: 'Support', assignment: { strategy: 'roundRobin' } }] };
		const outcomes = await router().routeConversations(ids.map((conversationId) => ({ conversationId, facts: whatsapp })), plan, { now: NOW });
		expect(outcomes.map((outcome) => outcome.routing?.agent?.id)).toEqual(['ana', 'bruno', 'ana']);
	});

	it('sends the customer back to the agent who served them on the channel, found in the store', async () => {
		await insertConversation(db(), customers[0], { status: 'resolved', assigneeId: 'bruno', lastChannel: 'whatsapp', resolvedAt: '2026-12-14T10:00:00.000Z' });
		await insertConversation(db(), customers[0], { status: 'resolved', assigneeId: 'ana', lastChannel: 'email', resolvedAt: '2026-12-15T10:00:00.000Z' });
		expect(await router().previousAgents(customers[0])).toEqual(
			expect.arrayContaining([
				{ agentId: 'bruno', channel: 'whatsapp', servedAt: '2026-12-14T10:00:00.000Z' },
				{ agentId: 'ana', channel: 'email', servedAt: '2026-12-15T10:00:00.000Z' },
			]),
		);
		const conversation = await insertConversation(db(), customers[0]);
		const plan: RoutingPlan = { routes: [{ name: 'Support', queue: 'Support', assignment: { sticky: true, strategy: 'leastBusy' } }] };
		const routed = await router().routeConversation(conversation, { ...plan, facts: whatsapp, now: NOW });
		expect(routed.routing).toMatchObject({ agent: { id: 'bruno' }, reason: 'sticky: Bruno answered this customer on WhatsApp 2 days ago' });
	});

	it('finds previous agents in the history too: the agents who wrote to the customer, still on the team', async () => {
		await insertAgentMessage(db(), customers[1], 'carla', 'instagram', '2026-12-10T09:00:00.000Z');
		await insertAgentMessage(db(), customers[1], 'carla', 'instagram', '2026-12-12T09:00:00.000Z');
		await insertAgentMessage(db(), customers[1], 'gone', 'instagram', '2026-12-13T09:00:00.000Z');
		expect(await router().previousAgents(customers[1])).toEqual([{ agentId: 'carla', channel: 'instagram', servedAt: '2026-12-12T09:00:00.000Z' }]);
	});

	it('leaves a conversation with the agent it has: routing it again (the customer wrote again) changes nothing', async () => {
		const conversation = await insertConversation(db(), customers[0]);
		const first = await router().routeConversation(conversation, { ...leastBusy, facts: whatsapp, now: NOW });
		await new Team(db()).setAgentStatus(first.routing.agent!.id, 'away');
		const again = await router().routeConversation(conversation, { ...leastBusy, facts: { channel: 'email' }, now: NOW });
		expect(again.routing).toEqual(first.routing);
		expect(again.decision.reason).toBe('already with Ana');
		expect(await storedRouting(db(), conversation)).toMatchObject({ assignee_id: 'ana', kind: 'chat' });
	});

	it('unassigns: the conversation waits in its queue and the agent has room again', async () => {
		const conversation = await insertConversation(db(), customers[0]);
		await router().routeConversation(conversation, { ...leastBusy, facts: whatsapp, now: NOW });
		expect(await router().unassign(conversation)).toEqual({ previousAgent: 'ana' });
		expect(await storedRouting(db(), conversation)).toMatchObject({ assignee_id: null, queue: 'Support', routing: { agent: null, queue: 'Support', reason: 'unassigned: waiting in queue' } });
		expect((await new Team(db()).listAgents())[0].load).toEqual({});
		const rerouted = await router().routeConversation(conversation, { ...leastBusy, facts: whatsapp, now: NOW });
		expect(rerouted.routing.agent?.id).toBe('bruno');
	});

	it('refuses conversations it cannot route, saying why', async () => {
		const resolved = await insertConversation(db(), customers[0], { status: 'resolved' });
		const open = await insertConversation(db(), customers[1]);
		const folded = await insertConversation(db(), customers[1], { mergedInto: open });
		const missing = '018f0000-0000-7000-8000-000000000000';
		const outcomes = await router().routeConversations(
			[resolved, folded, missing, 'abc'].map((conversationId) => ({ conversationId, facts: whatsapp })),
			leastBusy,
			{ now: NOW },
		);
		expect(outcomes.map((outcome) => outcome.error)).toEqual([
			`conversation ${resolved} is resolved: reopen it before routing it`,
			`conversation ${folded} was folded into ${open} when their customers merged: route that one`,
			`no conversation has the id ${missing}`,
			'"abc" is not a conversation id (a UUID)',
		]);
		await expect(router().routeConversation(resolved, { ...leastBusy, facts: whatsapp })).rejects.toThrow(AssignmentError);
		await expect(router().unassign(missing)).rejects.toThrow(`no conversation has the id ${missing}`);
	});

	it('uses the kind of work of the channel and the fallback queue', async () => {
		const call = await insertConversation(db(), customers[0]);
		const plan: RoutingPlan = { routes: [{ name: 'Sales', queue: 'Sales', conditions: { channels: ['instagram'] } }], fallback: { queue: 'Support', assignment: { strategy: 'leastBusy' }, priority: 'high' } };
		const routed = await router().routeConversation(call, { ...plan, facts: { channel: 'voice' }, now: NOW });
		expect(routed.routing).toMatchObject({ queue: 'Support', agent: { id: 'ana' }, priority: 'high', reason: 'no route matched: fallback; least busy: Ana has 0 of 1 call' });
		expect(await storedRouting(db(), call)).toMatchObject({ kind: 'call', priority: 'high' });
	});
});
