import type { IExecuteFunctions } from 'n8n-workflow';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { textOf } from '../parameters';
import { agentJson, agentWithLoad } from './agent-json';

const list = (displayName: string, name: string, example: string, description: string) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	placeholder: `e.g. ${example}`,
	description: `${description}, separated by ; (as in the agents file of the command line)`,
});

export const description = forOperation(
	'upsert',
	[
		{
			displayName: 'Adds the agent, or updates the one with this ID: every field is set as given here, and an empty one is cleared (the status excepted)',
			name: 'upsertNotice',
			type: 'notice',
			default: '',
		},
		{ displayName: 'Agent ID', name: 'agentId', type: 'string', required: true, default: '', placeholder: 'e.g. ana@acme.com', description: "The team's own ID for the agent: a staff ID or an e-mail" },
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. Ana Souza', description: 'The name people see' },
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
		list('Queues', 'queues', 'Support;Billing', 'The queues the agent works in'),
		{
			displayName: 'Capacity',
			name: 'capacity',
			type: 'string',
			default: 'chat=3',
			placeholder: 'e.g. chat=3;call=1;email=10',
			description: 'How many of each kind of work the agent takes at once; a kind not listed is not given to them',
		},
		list('Skills', 'skills', 'billing;returns', 'What the agent can handle, for routes that ask for a skill'),
		list('Languages', 'languages', 'en;pt-BR', 'Language codes the agent speaks'),
		{
			displayName: 'Status',
			name: 'agentStatus',
			type: 'options',
			options: [
				{ name: 'Keep Current', value: '', description: 'A new agent starts offline' },
				{ name: 'Online', value: 'online' },
				{ name: 'Away', value: 'away' },
				{ name: 'Offline', value: 'offline' },
			],
			default: '',
		},
	],
	'agent',
);

/**
 * Adds or updates one agent per item, checked by the same rules as the agents import of the
 * command line. Output: the agent as List shows them, and whether they were created.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	const row = Object.fromEntries(['name', 'email', 'queues', 'capacity', 'skills', 'languages', 'agentStatus'].map((name) => [name === 'agentStatus' ? 'status' : name, textOf(this, name, itemIndex)]));
	const id = textOf(this, 'agentId', itemIndex);
	const { created } = await store.team.importAgents([{ id, ...row }], { rowName: () => `Item ${itemIndex + 1}` });
	return { ...agentJson((await agentWithLoad(store.team.listAgents(), id))!), created: created === 1 };
}
