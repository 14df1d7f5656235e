import type { INodeProperties } from 'n8n-workflow';
import type { ActionOperation } from '../../../shared/action-router';
import type { ConversationStore } from '../../transport';
import * as addNote from './addNote.operation';
import * as assign from './assign.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as openOrContinue from './openOrContinue.operation';
import * as reassignWaiting from './reassignWaiting.operation';
import * as recordAgentReply from './recordAgentReply.operation';
import * as setStatus from './setStatus.operation';
import * as tag from './tag.operation';

export { reassignWaiting, recordAgentReply };

/** The operations that act item by item on the store; Record Agent Reply also sends, and Reassign Waiting runs once: both are apart. */
export const operations: Record<string, ActionOperation<ConversationStore>> = { openOrContinue, assign, addNote, setStatus, tag, get, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{ name: 'Add Note', value: 'addNote', action: 'Add a note to a conversation', description: 'Add a note for the team, never sent to the customer' },
			{ name: 'Assign', value: 'assign', action: 'Assign a conversation to an agent', description: 'Give a conversation to an agent, within their capacity' },
			{ name: 'Get', value: 'get', action: 'Get a conversation', description: 'Get a conversation with its notes, history across channels and transcript' },
			{ name: 'List', value: 'list', action: 'List conversations', description: 'List conversations by queue, agent, status or overdue answer' },
			{
				name: 'Open or Continue',
				value: 'openOrContinue',
				action: 'Open or continue the conversation of a customer',
				description: "Attach each customer message to the customer's conversation, whatever the channel, or open one",
			},
			{
				name: 'Reassign Waiting',
				value: 'reassignWaiting',
				action: 'Take waiting conversations from their agents',
				description: 'Take from their agents the conversations whose customer waits too long or whose agent went offline, to route them again',
			},
			{ name: 'Record Agent Reply', value: 'recordAgentReply', action: 'Send and record the reply of an agent', description: "Send an agent's answer on the customer's channel and record the first response" },
			{ name: 'Set Status', value: 'setStatus', action: 'Set the status of a conversation', description: 'Open, pending, snoozed until a time, or resolved' },
			{ name: 'Tag', value: 'tag', action: 'Add or remove tags', description: 'Add tags to a conversation or remove them' },
		],
		default: 'openOrContinue',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
	...recordAgentReply.description,
	...reassignWaiting.switches,
	...reassignWaiting.description,
];
