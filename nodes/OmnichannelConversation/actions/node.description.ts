import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import * as agent from './agent/Agent.resource';
import * as conversation from './conversation/Conversation.resource';

const RESOURCES = [
	{ name: 'Conversation', value: 'conversation', description: conversation.description },
	{ name: 'Agent', value: 'agent', description: agent.description },
];

/** The node's parameters: the resource, then each operation's own. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map(({ name, value }) => ({ name, value })),
		default: 'conversation',
	},
	...RESOURCES.flatMap((resource) => resource.description),
];

/** "Open or Continue: Conversation", "Set Status: Agent": the operation as the person picked it, and its resource. */
export function subtitle(): string {
	const names: Record<string, string> = {};
	for (const resource of RESOURCES) {
		const operation = resource.description.find((property) => property.name === 'operation')!;
		for (const option of operation.options as INodePropertyOptions[]) names[`${resource.value}:${String(option.value)}`] = `${option.name}: ${resource.name}`;
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}`;
}

