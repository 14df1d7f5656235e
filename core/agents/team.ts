import type { Database } from '../store/database';
import { AGENT_STATUSES, type AgentStatus } from '../routing';
import { selectAgentsWithLoad, updateAgentStatus, upsertAgents } from '../store/agent-sql';
import { selectQueues, upsertQueues } from '../store/queue-sql';
import { agentImportSchema, type Agent, type AgentWithLoad } from './agent';
import { queueImportSchema, type Queue } from './queue';
import { checkUnique, itemName, parseRows, TeamError } from './row-problems';

export interface ImportCounts {
	created: number;
	updated: number;
}

export interface ImportOptions {
	/** How the file names its rows in messages: "line 4" for a CSV, "item 4" (the default) for a JSON list. */
	rowName?: (index: number) => string;
}

/**
 * The team of a store: its agents and the queues they work in. Imports are all or nothing: every
 * row is checked first, and a TeamImportError lists each bad one before anything is written.
 */
export class Team {
	constructor(private readonly db: Database) {}

	/** Adds agents and updates the ones already there (by id); an agent without a status keeps theirs. */
	async importAgents(rows: unknown[], { rowName = itemName }: ImportOptions = {}): Promise<ImportCounts> {
		const agents = parseRows(agentImportSchema, rows, rowName);
		checkUnique(agents, (agent) => agent.id, rowName, 'agent');
		return await this.db.transaction((tx) => upsertAgents(tx, agents));
	}

	/** Every agent, by id, with their load now: their conversations not resolved, per kind of work. */
	async listAgents(): Promise<AgentWithLoad[]> {
		return await selectAgentsWithLoad(this.db);
	}

	/** Online (takes work), away or offline; throws a TeamError for an unknown agent or status. */
	async setAgentStatus(id: string, status: AgentStatus): Promise<Agent> {
		if (!AGENT_STATUSES.includes(status)) throw new TeamError(`"${String(status)}" is not a status: use ${AGENT_STATUSES.join(', ')}`);
		const agent = await updateAgentStatus(this.db, id, status);
		if (!agent) throw new TeamError(`no agent has the id "${id}": check it with "agents list", or import them first`);
		return agent;
	}

	/** Adds queues and updates the ones already there (by name). */
	async importQueues(rows: unknown[], { rowName = itemName }: ImportOptions = {}): Promise<ImportCounts> {
		const queues: Queue[] = parseRows(queueImportSchema, rows, rowName);
		checkUnique(queues, (queue) => queue.name, rowName, 'queue');
		return await this.db.transaction((tx) => upsertQueues(tx, queues));
	}

	/** Every queue, higher priority first. */
	async listQueues(): Promise<Queue[]> {
		return await selectQueues(this.db);
	}
}
