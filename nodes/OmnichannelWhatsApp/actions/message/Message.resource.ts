import type { INodeProperties } from 'n8n-workflow';
import type { ActionOperation } from '../../../shared/action-router';
import type { WhatsAppConnection } from '../../transport';
import * as markAsRead from './markAsRead.operation';
import * as sendButtons from './sendButtons.operation';
import * as sendList from './sendList.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

export const operations: Record<string, ActionOperation<WhatsAppConnection>> = { sendText, sendMedia, sendTemplate, sendButtons, sendList, markAsRead };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Mark as Read', value: 'markAsRead', action: 'Mark a message as read', description: 'Show the customer blue ticks on their message, and optionally "typing…"' },
			{ name: 'Send List', value: 'sendList', action: 'Send a list of choices', description: 'A message with a button that opens a list of up to 10 choices, grouped in sections' },
			{ name: 'Send Media', value: 'sendMedia', action: 'Send a media file', description: 'Send an image, audio, video, document or sticker, from a link or from the input item' },
			{ name: 'Send Reply Buttons', value: 'sendButtons', action: 'Send a message with reply buttons', description: 'A message with up to 3 buttons the customer taps to answer' },
			{ name: 'Send Template', value: 'sendTemplate', action: 'Send an approved template', description: 'Send an approved message template; the only kind allowed more than 24 hours after the customer last wrote' },
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message', description: 'Send a text message within 24 hours of the customer\'s last message' },
		],
		default: 'sendText',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
