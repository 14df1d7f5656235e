import { decideRoute, workKindOf, type RoutingFacts, type RoutingPlan, type SqlClient } from '../../core';

/**
 * What a user builds from n8n's Switch and Postgres nodes, one query per node and item: the
 * route is matched in memory, then the queue's online agents are selected, their load counted,
 * the least busy with room taken, and the conversation and the agent updated. No batching, no
 * transaction, no locking: two workers can both fill an agent's last place.
 */
export class NaiveRouter {
	constructor(
		private readonly db: SqlClient,
		private readonly plan: RoutingPlan,
	) {}

	async route(conversationId: string, facts: RoutingFacts, now: number): Promise<void> {
		const { queue, kind = workKindOf(facts.channel), priority } = decideRoute({ facts, routes: this.plan.routes, fallback: this.plan.fallback, agents: [], now });
		if (!queue) return;
		const candidates = await this.db.query<{ id: string; capacity: Record<string, number> }>(`SELECT id, capacity FROM agents WHERE $1 = ANY(queues) AND status = 'online'`, [queue]);
		const loads = await this.db.query<{ assignee_id: string; n: number }>(
			`SELECT assignee_id, count(*)::int AS n FROM conversations WHERE assignee_id = ANY($1::text[]) AND kind = $2 AND status <> 'resolved' AND merged_into IS NULL GROUP BY assignee_id`,
			[candidates.map((agent) => agent.id), kind],
		);
		const load = new Map(loads.map((row) => [row.assignee_id, row.n]));
		const free = candidates.filter((agent) => (load.get(agent.id) ?? 0) < (agent.capacity[kind] ?? 0));
		const chosen = free.sort((a, b) => (load.get(a.id) ?? 0) / a.capacity[kind] - (load.get(b.id) ?? 0) / b.capacity[kind])[0];
		await this.db.query('UPDATE conversations SET assignee_id = $2, queue = $3, priority = $4, kind = $5, updated_at = now() WHERE id = $1', [conversationId, chosen?.id ?? null, queue, priority, kind]);
		if (chosen) await this.db.query('UPDATE agents SET last_assigned_at = to_timestamp($2 / 1000.0) WHERE id = $1', [chosen.id, now]);
	}
}
