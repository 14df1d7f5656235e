import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { agentJson } from './agent-json';

export const description = forOperation(
	'list',
	[
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Queue', name: 'queue', type: 'string', default: '', placeholder: 'e.g. Support', description: 'Only the agents who work in this queue' },
				{
					displayName: 'Status',
					name: 'status',
					type: 'multiOptions',
					options: [
						{ name: 'Online', value: 'online' },
						{ name: 'Away', value: 'away' },
						{ name: 'Offline', value: 'offline' },
					],
					default: [],
				},
			],
		},
	],
	'agent',
);

/** One item per agent: status, queues, capacity, load now (conversations not resolved, per kind) and loadText ("chat 1/3"). */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const queue = String(filters.queue ?? '').trim().toLowerCase();
	const statuses = (filters.status as string[] | undefined) ?? [];
	const agents = await store.team.listAgents();
	return agents
		.filter((agent) => (!queue || agent.queues.some((name) => name.toLowerCase() === queue)) && (!statuses.length || statuses.includes(agent.status)))
		.map(agentJson);
}
