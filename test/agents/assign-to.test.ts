import { AssignmentError, ConversationRouter, Team } from '../../core';
import { insertConversation, newCustomers, storedRouting } from '../support/conversations';
import { postgresUnavailable } from '../support/postgres';
import { describeEachStore, useStore, useWorkerConnections } from '../support/stores';

const ana = { id: 'ana', name: 'Ana', queues: ['Support'], capacity: { chat: 3, call: 1 }, status: 'online' };

describeEachStore('assigning a conversation to an agent by hand', (store) => {
	const { db } = useStore(store);
	const router = () => new ConversationRouter(db());
	let customers: string[];

	beforeAll(async () => {
		customers = await newCustomers(db(), 6);
	});
	beforeEach(async () => {
		await db().query('DELETE FROM conversations');
		await db().query('DELETE FROM agents');
		await new Team(db()).importAgents([ana, { id: 'bruno', name: 'Bruno', capacity: { chat: 2 }, status: 'offline' }]);
	});

	it('gives the conversation to the agent and stores why', async () => {
		const conversation = await insertConversation(db(), customers[0], { queue: 'Support' });
		const assigned = await router().assignTo(conversation, 'ana');
		expect(assigned).toMatchObject({ unchanged: false, routing: { queue: 'Support', agent: { id: 'ana', name: 'Ana' }, reason: 'assigned to Ana by hand' } });
		expect(await storedRouting(db(), conversation)).toMatchObject({ assignee_id: 'ana', queue: 'Support' });
	});

	it('refuses an agent who is full, in words, and leaves the conversation as it was', async () => {
		for (const customer of customers.slice(0, 3)) await insertConversation(db(), customer, { assigneeId: 'ana' });
		const fourth = await insertConversation(db(), customers[3]);
		await expect(router().assignTo(fourth, 'ana')).rejects.toThrow(new AssignmentError('Ana has 3 of 3 chats: no room for this conversation'));
		expect(await storedRouting(db(), fourth)).toMatchObject({ assignee_id: null });
	});

	it('refuses an offline agent, unless forced; forcing says so in the reason', async () => {
		const conversation = await insertConversation(db(), customers[0]);
		await expect(router().assignTo(conversation, 'bruno')).rejects.toThrow('Bruno is offline: set them online first, or exceed capacity to assign anyway');
		const forced = await router().assignTo(conversation, 'bruno', { force: true });
		expect(forced.routing.reason).toBe('assigned to Bruno by hand, while offline');
	});

	it('goes over capacity only when forced, and moves a conversation from its agent', async () => {
		for (const customer of customers.slice(0, 3)) await insertConversation(db(), customer, { assigneeId: 'ana' });
		const conversation = await insertConversation(db(), customers[3], { assigneeId: 'bruno' });
		const forced = await router().assignTo(conversation, 'ana', { force: true });
		expect(forced).toMatchObject({ previousAgent: 'bruno', routing: { reason: 'assigned to Ana by hand, over capacity (4 of 3 chats)' } });
		expect((await new Team(db()).listAgents()).find((agent) => agent.id === 'ana')?.load).toEqual({ chat: 4 });
	});

	it('names what is wrong: an unknown agent, a resolved or unknown conversation', async () => {
		const conversation = await insertConversation(db(), customers[0]);
		await expect(router().assignTo(conversation, 'zoe')).rejects.toThrow('No agent has the id "zoe": check it in the agents list, or add the agent first');
		const resolved = await insertConversation(db(), customers[1], { status: 'resolved', resolvedAt: new Date().toISOString() });
		await expect(router().assignTo(resolved, 'ana')).rejects.toThrow(`conversation ${resolved} is resolved: reopen it before routing it`);
		await expect(router().assignTo('not-an-id', 'ana')).rejects.toThrow('"not-an-id" is not a conversation id (a UUID)');
	});
});

(postgresUnavailable ? describe.skip : describe)('assigning by hand from 8 workers at once on the PostgreSQL server', () => {
	const workers = useWorkerConnections('omni_assign', 8);
	let conversations: string[];

	beforeAll(async () => {
		await new Team(workers[0]).importAgents([ana]);
		conversations = [];
		for (const customer of await newCustomers(workers[0], 8)) conversations.push(await insertConversation(workers[0], customer));
	});

	it('never puts the agent over capacity: 3 conversations are hers, 5 are refused saying she is full', async () => {
		const outcomes = await Promise.allSettled(workers.map((db, index) => new ConversationRouter(db).assignTo(conversations[index], 'ana')));
		const refused = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => ((outcome as PromiseRejectedResult).reason as Error).message);
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
		expect(refused).toEqual(Array(5).fill('Ana has 3 of 3 chats: no room for this conversation'));
		expect((await new Team(workers[0]).listAgents())[0].load).toEqual({ chat: 3 });
		const held = await workers[0].query<{ n: number }>("SELECT count(*)::int AS n FROM conversations WHERE assignee_id = 'ana'");
		expect(held[0].n).toBe(3);
	});
});
