import type { AgentWithLoad } from '../../../../core';

// Kinds of work in the order people name them; others after, alphabetically.
const KIND_ORDER = ['chat', 'call', 'email'];
const kindRank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);

/** "chat 1/3, call 0/1": what the agent has of what they can take. */
export const loadText = (agent: AgentWithLoad) =>
	Object.entries(agent.capacity)
		.sort(([a], [b]) => kindRank(a) - kindRank(b) || (a < b ? -1 : 1))
		.map(([kind, capacity]) => `${kind} ${agent.load[kind] ?? 0}/${capacity}`)
		.join(', ');

/** An agent as the node outputs them: as the store keeps them, their load now, and the load in words. */
export const agentJson = (agent: AgentWithLoad) => ({ ...agent, loadText: loadText(agent) });

/** An agent by id with their load now; undefined when there is none. */
export async function agentWithLoad(agents: Promise<AgentWithLoad[]>, id: string): Promise<AgentWithLoad | undefined> {
	return (await agents).find((agent) => agent.id === id);
}
