import type { INodeProperties } from 'n8n-workflow';
import type { TwilioConnection } from '../../../../core/channels/twilio/definition';
import type { ActionOperation } from '../../../shared/action-router';
import * as get from './get.operation';
import * as send from './send.operation';

export const operations: Record<string, ActionOperation<TwilioConnection>> = { send, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Send Message', value: 'send', action: 'Send a message', description: 'Send a text, with images or files if you like, to a customer' },
			{ name: 'Get Message', value: 'get', action: 'Get a message by SID', description: 'Look up a message and its delivery status by its SID' },
		],
		default: 'send',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
