import type { INodeProperties } from 'n8n-workflow';
import type { EvolutionConnection } from '../../../../core/channels/evolution/definition';
import type { ActionOperation } from '../../../shared/action-router';
import * as sendButtons from './sendButtons.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendText from './sendText.operation';

export const operations: Record<string, ActionOperation<EvolutionConnection>> = { sendText, sendMedia, sendButtons };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Send Buttons', value: 'sendButtons', action: 'Send a message with buttons', description: 'Send a message with up to 3 reply buttons, or link, call and copy buttons' },
			{ name: 'Send Media', value: 'sendMedia', action: 'Send a media file', description: 'Send an image, video, audio or document from a URL or from a file in the input' },
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message', description: 'Send a WhatsApp text message' },
		],
		default: 'sendText',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
