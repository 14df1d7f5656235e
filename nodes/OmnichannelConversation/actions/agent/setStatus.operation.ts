import type { IExecuteFunctions } from 'n8n-workflow';
import type { AgentStatus } from '../../../../core';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { agentLocator } from '../common.descriptions';
import { agentIdOf } from '../parameters';
import { agentJson, agentWithLoad } from './agent-json';

export const description = forOperation(
	'setStatus',
	[
		agentLocator('agent', 'Agent', 'The agent whose status to set'),
		{
			displayName: 'Status',
			name: 'agentStatus',
			type: 'options',
			options: [
				{ name: 'Online', value: 'online', description: 'Takes new conversations' },
				{ name: 'Away', value: 'away', description: 'Keeps their conversations, takes no new ones' },
				{ name: 'Offline', value: 'offline', description: 'Keeps their conversations until Reassign Waiting takes them; takes no new ones' },
			],
			default: 'online',
		},
	],
	'agent',
);

/** Sets the agent's status. Output: the agent as List shows them. */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	const id = agentIdOf(this, 'agent', itemIndex, true);
	await store.team.setAgentStatus(id, this.getNodeParameter('agentStatus', itemIndex) as AgentStatus);
	return agentJson((await agentWithLoad(store.team.listAgents(), id))!);
}
