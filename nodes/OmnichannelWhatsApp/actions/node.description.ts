import type { INodeProperties } from 'n8n-workflow';
import * as message from './message/Message.resource';

/** The node's parameters: the resource, then each operation's own. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Message', value: 'message' }],
		default: 'message',
	},
	...message.description,
];
