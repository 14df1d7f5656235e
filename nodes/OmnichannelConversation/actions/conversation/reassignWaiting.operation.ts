import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Conversation } from '../../../../core';
import { customerJson } from '../../../CustomerMerge/item-parameters';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { currentConversation } from '../parameters';

export const description = forOperation(
	'reassignWaiting',
	[
		{
			displayName: 'Run this on a schedule (Schedule Trigger) and put a Router after it: the conversations it takes from their agents come out to be routed again. Its input items are not read.',
			name: 'reassignNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Customer Waiting Longer Than (Minutes)',
			name: 'waitedMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 15,
			description: 'A conversation whose customer has waited this long for an answer from the team is taken from its agent',
			displayOptions: { show: { whenWaiting: [true] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{ displayName: 'Customer History Limit', name: 'historyLimit', type: 'number', typeOptions: { minValue: 0, maxValue: 1000 }, default: 10, description: 'How many of the latest events to include in each customer' },
				{
					displayName: 'Max Conversations per Run',
					name: 'maxConversations',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 100,
					description: 'How many conversations to take at most at each run, longest waiting first (up to 1000)',
				},
			],
		},
	],
	'conversation',
);

/** Which conversations to take: shown before the minutes so that the minutes can follow their switch. */
export const switches = forOperation(
	'reassignWaiting',
	[
		{ displayName: 'When the Customer Waits Too Long', name: 'whenWaiting', type: 'boolean', default: true, description: 'Whether to take conversations whose customer has waited too long for an answer' },
		{ displayName: 'When the Agent Is Away or Offline', name: 'whenAgentOffline', type: 'boolean', default: true, description: 'Whether to take conversations from agents who are away or offline' },
	],
	'conversation',
);

const minutesSince = (at: string, now: number) => Math.max(0, Math.floor((now - Date.parse(at)) / 60_000));

/** Why each conversation is taken, in words: "Ana went offline", "waited 23 minutes for an answer from Ana". */
function reasons(waiting: Conversation[], offline: Conversation[], now: number): Map<string, { conversation: Conversation; reason: string }> {
	const found = new Map<string, { conversation: Conversation; reason: string }>();
	for (const conversation of offline) found.set(conversation.id, { conversation, reason: `${conversation.assignee!.name} is ${conversation.assignee!.status}` });
	for (const conversation of waiting) {
		const waited = `waited ${minutesSince(conversation.waitingSince!, now)} minutes for an answer${conversation.assignee ? ` from ${conversation.assignee.name}` : ' with no agent'}`;
		const already = found.get(conversation.id);
		found.set(conversation.id, { conversation, reason: already ? `${already.reason} and the customer ${waited}` : `the customer ${waited}` });
	}
	return found;
}

/**
 * Runs once, whatever its input: takes the conversations whose customer waited too long, or
 * whose agent is away or offline, from their agent (their routing says why), and outputs one item
 * per conversation {conversation, customer, channel, reassign: {reason, previousAgent}} for a
 * Router to route again.
 */
export async function execute(this: IExecuteFunctions, store: ConversationStore): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const limit = Number(options.maxConversations ?? 100);
	const now = Date.now();
	const [waiting, offline] = await Promise.all([
		this.getNodeParameter('whenWaiting', 0, true) ? store.conversations.waitingLongerThan({ minutes: this.getNodeParameter('waitedMinutes', 0, 15) as number, limit }) : [],
		this.getNodeParameter('whenAgentOffline', 0, true) ? store.conversations.withOfflineAssignee({ limit }) : [],
	]);
	const taken = [...reasons(waiting, offline, now).values()].slice(0, limit);
	const output: INodeExecutionData[] = [];
	for (const { conversation, reason } of taken) {
		const { previousAgent } = await store.router.unassign(conversation.id, `${reason}: waiting in queue to be routed again`);
		const json = {
			conversation: await currentConversation(store, conversation.id),
			customer: await customerJson(store.graph, conversation.customerId, Number(options.historyLimit ?? 10)),
			channel: conversation.lastChannel,
			reassign: { reason, previousAgent: previousAgent ?? null },
		};
		output.push({ json: json as unknown as IDataObject, pairedItem: { item: 0 } });
	}
	return output;
}
