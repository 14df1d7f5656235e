import { ConversationRouter, Team, type RouteOutcome, type RoutingPlan } from '../../core';
import { migrate } from '../../core/store/migrations';
import { PostgresDatabase } from '../../core/store/postgres-database';
import { insertConversation, newCustomers } from '../support/conversations';
import { dropSchema, postgresUnavailable, TEST_POSTGRES_URL, uniqueSchema } from '../support/postgres';

const ROUTERS = 8;
const CONVERSATIONS = 240;
const BATCH = 10;
// 5 agents with room for 3 chats each: far fewer places than conversations.
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];
const CAPACITY = 3;

const plan: RoutingPlan = { routes: [{ name: 'Support', queue: 'Support', assignment: { strategy: 'leastBusy' } }] };

(postgresUnavailable ? describe.skip : describe)('concurrent routers on the PostgreSQL server (n8n queue-mode workers)', () => {
	const schema = uniqueSchema('omni_routing');
	const routers: PostgresDatabase[] = [];
	let conversations: string[] = [];

	beforeAll(async () => {
		for (let i = 0; i < ROUTERS; i++) {
			routers.push(await PostgresDatabase.open({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema}`, max: 2 }, `router ${i}`));
		}
		await migrate(routers[0], schema);
		await new Team(routers[0]).importAgents(AGENTS.map((id) => ({ id, name: id, queues: ['Support'], capacity: { chat: CAPACITY }, status: 'online' })));
		const customers = await newCustomers(routers[0], CONVERSATIONS);
		conversations = [];
		for (const customer of customers) conversations.push(await insertConversation(routers[0], customer));
	});
	afterAll(async () => {
		await Promise.all(routers.map((db) => db.close()));
		await dropSchema(schema);
	});

	it('never puts an agent over capacity, and gives each conversation to one agent once', async () => {
		// Every router routes every conversation, each in its own order, in small batches at once.
		const outcomes = await Promise.all(
			routers.map(async (db, index) => {
				const router = new ConversationRouter(db);
				const order = conversations.map((id, position) => ({ id, key: (position * 7919 + index * 104729) % 997 })).sort((a, b) => a.key - b.key);
				const seen: RouteOutcome[] = [];
				for (let i = 0; i < order.length; i += BATCH) {
					seen.push(...(await router.routeConversations(order.slice(i, i + BATCH).map(({ id }) => ({ conversationId: id, facts: { channel: 'whatsapp' } })), plan)));
				}
				return seen;
			}),
		);
		const agents = await new Team(routers[0]).listAgents();
		expect(agents.map((agent) => agent.load.chat ?? 0)).toEqual(AGENTS.map(() => CAPACITY));

		const assigned = await routers[0].query<{ id: string; assignee_id: string }>('SELECT id, assignee_id FROM conversations WHERE assignee_id IS NOT NULL');
		expect(assigned).toHaveLength(AGENTS.length * CAPACITY);
		// Whoever routed a conversation that has an agent was told that same agent: nobody was told another.
		const agentOf = new Map(assigned.map((row) => [row.id, row.assignee_id]));
		for (const outcome of outcomes.flat()) {
			expect(outcome.error).toBeUndefined();
			expect(outcome.routing?.agent?.id ?? null).toBe(agentOf.get(outcome.conversationId) ?? null);
		}
	});
});
