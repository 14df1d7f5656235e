import type { INodeProperties } from 'n8n-workflow';
import type { TelegramConnection } from '../../../../core/channels/telegram/definition';
import type { ActionOperation } from '../../../shared/action-router';
import * as answerCallbackQuery from './answerCallbackQuery.operation';
import * as editMessageText from './editMessageText.operation';
import * as sendDocument from './sendDocument.operation';
import * as sendMessage from './sendMessage.operation';
import * as sendPhoto from './sendPhoto.operation';

export const operations: Record<string, ActionOperation<TelegramConnection>> = { sendMessage, sendPhoto, sendDocument, editMessageText, answerCallbackQuery };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Answer Button Press', value: 'answerCallbackQuery', action: 'Answer a button press', description: 'Stop the spinner on a pressed inline button, optionally with a notice' },
			{ name: 'Edit Message Text', value: 'editMessageText', action: 'Edit the text of a sent message', description: 'Replace the text (and buttons) of a message the bot sent' },
			{ name: 'Send Document', value: 'sendDocument', action: 'Send a document', description: 'Send any file: by URL, by Telegram file ID, or from the input item' },
			{ name: 'Send Message', value: 'sendMessage', action: 'Send a text message', description: 'Send text, with buttons if you like' },
			{ name: 'Send Photo', value: 'sendPhoto', action: 'Send a photo', description: 'Send a picture: by URL, by Telegram file ID, or from the input item' },
		],
		default: 'sendMessage',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
