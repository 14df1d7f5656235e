import type { INodeListSearchItems } from 'n8n-workflow';
import { loadText, type AgentWithLoad } from '../../../core';
import { listSearch, matchesFilter, searchResult } from '../../shared/list-search';
import { conversationStore } from '../transport';

const entry = (agent: AgentWithLoad): INodeListSearchItems => ({
	name: `${agent.name} (${agent.status}${Object.keys(agent.capacity).length ? `, ${loadText(agent)}` : ''})`,
	value: agent.id,
	description: [`ID ${agent.id}`, agent.queues.length ? `queues ${agent.queues.join(', ')}` : undefined].filter(Boolean).join(', '),
});

/** The agents whose name, ID or e-mail contains what was typed, with their status and load; the value is the agent ID. */
export const searchAgents = listSearch(async (context, filter) => {
	const { team } = await conversationStore.connect(context);
	const agents = await team.listAgents();
	return searchResult(agents.filter((agent) => matchesFilter(filter, agent.name, agent.id, agent.email)).map(entry));
});
