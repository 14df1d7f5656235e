import type { Agent, AgentImport, AgentWithLoad } from '../agents/agent';
import type { AgentStatus } from '../routing';
import { iso } from './customer-sql';
import type { SqlClient } from './database';

/** Statements of the team: agents, their status and their load. */

interface AgentRow {
	id: string;
	name: string;
	email: string | null;
	skills: string[];
	languages: string[];
	queues: string[];
	capacity: Record<string, number>;
	status: AgentStatus;
	status_changed_at: Date | string;
	last_assigned_at: Date | string | null;
	load?: Record<string, number>;
}

const AGENT_COLUMNS = 'a.id, a.name, a.email, a.skills, a.languages, a.queues, a.capacity, a.status, a.status_changed_at, a.last_assigned_at';

/**
 * What an agent has now, per kind of work: their conversations neither resolved nor folded into
 * another. The predicate is the one of the partial index conversations_assignee_load, which
 * these counts read alone.
 */
export const OPEN_ASSIGNED = `status <> 'resolved' AND merged_into IS NULL`;

export const LOAD_BY_AGENT = `
  SELECT assignee_id, jsonb_object_agg(kind, n) AS load
  FROM (SELECT assignee_id, kind, count(*)::int AS n FROM conversations WHERE assignee_id IS NOT NULL AND ${OPEN_ASSIGNED} GROUP BY assignee_id, kind) counted
  GROUP BY assignee_id`;

export function agentOf(row: AgentRow): Agent {
	return {
		id: row.id,
		name: row.name,
		...(row.email ? { email: row.email } : {}),
		skills: row.skills,
		languages: row.languages,
		queues: row.queues,
		capacity: row.capacity,
		status: row.status,
		statusChangedAt: iso(row.status_changed_at),
		...(row.last_assigned_at ? { lastAssignedAt: iso(row.last_assigned_at) } : {}),
	};
}

/** Inserts or updates these agents by id, in one statement; a missing status keeps the agent's own. */
export async function upsertAgents(db: SqlClient, agents: AgentImport[]): Promise<{ created: number; updated: number }> {
	if (!agents.length) return { created: 0, updated: 0 };
	const rows = await db.query<{ created: boolean }>(
		`INSERT INTO agents AS a (id, name, email, skills, languages, queues, capacity, status)
		 SELECT r.id, r.name, r.email, r.skills, r.languages, r.queues, r.capacity, coalesce(r.status, 'offline')
		 FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, email text, skills text[], languages text[], queues text[], capacity jsonb, status text)
		 ON CONFLICT (id) DO UPDATE SET
		   name = EXCLUDED.name, email = EXCLUDED.email, skills = EXCLUDED.skills, languages = EXCLUDED.languages,
		   queues = EXCLUDED.queues, capacity = EXCLUDED.capacity, updated_at = now(),
		   status = CASE WHEN $2::text[] @> ARRAY[EXCLUDED.id] THEN EXCLUDED.status ELSE a.status END,
		   status_changed_at = CASE WHEN $2::text[] @> ARRAY[EXCLUDED.id] AND EXCLUDED.status <> a.status THEN now() ELSE a.status_changed_at END
		 RETURNING (xmax = 0) AS created`,
		[JSON.stringify(agents), agents.filter((agent) => agent.status).map((agent) => agent.id)],
	);
	const created = rows.filter((row) => row.created).length;
	return { created, updated: rows.length - created };
}

/** Every agent, by id, with their load per kind of work. */
export async function selectAgentsWithLoad(db: SqlClient): Promise<AgentWithLoad[]> {
	const rows = await db.query<AgentRow>(`SELECT ${AGENT_COLUMNS}, coalesce(l.load, '{}') AS load FROM agents a LEFT JOIN (${LOAD_BY_AGENT}) l ON l.assignee_id = a.id ORDER BY a.id`);
	return rows.map((row) => ({ ...agentOf(row), load: row.load ?? {} }));
}

/** Sets an agent's status (its time changes only when the status does); undefined when there is no such agent. */
export async function updateAgentStatus(db: SqlClient, id: string, status: AgentStatus): Promise<Agent | undefined> {
	const rows = await db.query<AgentRow>(
		`UPDATE agents a SET status = $2, status_changed_at = CASE WHEN a.status = $2 THEN a.status_changed_at ELSE now() END, updated_at = now()
		 WHERE a.id = $1 RETURNING ${AGENT_COLUMNS}`,
		[id, status],
	);
	return rows[0] && agentOf(rows[0]);
}
