import { loadText, type AgentWithLoad } from '../../../../core';

/** An agent as the node outputs them: as the store keeps them, their load now, and the load in words. */
export const agentJson = (agent: AgentWithLoad) => ({ ...agent, loadText: loadText(agent) });

/** An agent by id with their load now; undefined when there is none. */
export async function agentWithLoad(agents: Promise<AgentWithLoad[]>, id: string): Promise<AgentWithLoad | undefined> {
	return (await agents).find((agent) => agent.id === id);
}
