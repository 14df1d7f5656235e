import type { AgentWithLoad } from '../agents/agent';
import type { Queue } from '../agents/queue';
import type { AgentSnapshot, BusinessSchedule, WorkKind } from '../routing';

/**
 * The team as one batch of decisions sees it: every agent with their load, updated in memory
 * as the batch assigns, so that the decisions of a batch account for each other. The store
 * checks every assignment again under lock before it is written.
 */
export class TeamSnapshot {
	readonly agents: AgentSnapshot[];
	readonly schedules: Record<string, BusinessSchedule> = {};
	private readonly byId: Map<string, AgentSnapshot>;
	private readonly queues: Map<string, Queue>;
	// Assignments of one batch get distinct times a microsecond apart, so that round robin moves on within the batch.
	private assignments = 0;

	constructor(agents: AgentWithLoad[], queues: Queue[]) {
		this.agents = agents.map((agent) => ({
			id: agent.id,
			name: agent.name,
			status: agent.status,
			queues: agent.queues,
			skills: agent.skills,
			languages: agent.languages,
			capacity: agent.capacity,
			load: { ...agent.load },
			lastAssignedAt: agent.lastAssignedAt === undefined ? undefined : Date.parse(agent.lastAssignedAt),
		}));
		this.byId = new Map(this.agents.map((agent) => [agent.id, agent]));
		this.queues = new Map(queues.map((queue) => [queue.name, queue]));
		for (const queue of queues) if (queue.schedule) this.schedules[queue.name] = queue.schedule;
	}

	agent(id: string): AgentSnapshot | undefined {
		return this.byId.get(id);
	}

	queue(name: string | undefined): Queue | undefined {
		return name === undefined ? undefined : this.queues.get(name);
	}

	/** Counts one more conversation for the agent; returns the time it was given to them, in milliseconds. */
	take(agentId: string, kind: WorkKind, now: number): number {
		const at = now + this.assignments++ / 1000;
		const agent = this.byId.get(agentId);
		if (agent) {
			const load = (agent.load ??= {});
			load[kind] = (load[kind] ?? 0) + 1;
			agent.lastAssignedAt = at;
		}
		return at;
	}
}
