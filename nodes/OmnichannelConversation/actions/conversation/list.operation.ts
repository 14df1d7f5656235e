import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ConversationStatus } from '../../../../core';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';

export const description = forOperation(
	'list',
	[
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Assignee ID', name: 'assignee', type: 'string', default: '', placeholder: 'e.g. ana@acme.com', description: 'Only the conversations of this agent' },
				{ displayName: 'Breached SLA Only', name: 'breached', type: 'boolean', default: false, description: 'Whether to list only conversations whose answer is overdue by their queue\'s targets' },
				{ displayName: 'Queue', name: 'queue', type: 'string', default: '', placeholder: 'e.g. Support' },
				{
					displayName: 'Status',
					name: 'status',
					type: 'multiOptions',
					options: [
						{ name: 'Open', value: 'open' },
						{ name: 'Pending', value: 'pending' },
						{ name: 'Snoozed', value: 'snoozed' },
						{ name: 'Resolved', value: 'resolved' },
					],
					default: ['open', 'pending', 'snoozed'],
					description: 'Without this filter, every conversation not resolved',
				},
				{ displayName: 'Unassigned Only', name: 'unassigned', type: 'boolean', default: false, description: 'Whether to list only conversations no agent has' },
			],
		},
	],
	'conversation',
);

/** Conversations that fit the filters, longest waiting first: one output item {conversation} each. */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const text = (value: unknown) => String(value ?? '').trim() || undefined;
	const statuses = filters.status as ConversationStatus[] | undefined;
	const conversations = await store.conversations.list({
		queue: text(filters.queue),
		assigneeId: filters.unassigned === true ? null : text(filters.assignee),
		status: statuses?.length ? statuses : undefined,
		breached: filters.breached === true ? true : undefined,
		limit: this.getNodeParameter('limit', itemIndex, 50) as number,
	});
	return conversations.map((conversation) => ({ conversation }));
}
