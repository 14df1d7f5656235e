import type { INodeProperties } from 'n8n-workflow';
import type { ActionOperation } from '../../../shared/action-router';
import type { ConversationStore } from '../../transport';
import * as list from './list.operation';
import * as setStatus from './setStatus.operation';
import * as upsert from './upsert.operation';

export const operations: Record<string, ActionOperation<ConversationStore>> = { list, setStatus, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{ name: 'List', value: 'list', action: 'List agents', description: 'List the agents with their status and load against capacity' },
			{ name: 'Set Status', value: 'setStatus', action: 'Set the status of an agent', description: 'Online agents take conversations; away and offline ones do not' },
			{ name: 'Create or Update', value: 'upsert', action: 'Add or update an agent', description: 'Create a new record, or update the current one if it already exists (upsert)' },
		],
		default: 'list',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
