import type { INodeProperties } from 'n8n-workflow';
import type { ActionOperation } from '../../../shared/action-router';
import type { SmtpConnection } from '../../transport';
import * as sendEmail from './sendEmail.operation';

export const operations: Record<string, ActionOperation<SmtpConnection>> = { sendEmail };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Send Email', value: 'sendEmail', action: 'Send an email', description: 'Send an email over SMTP, as a new message or as a reply in the customer’s thread' }],
		default: 'sendEmail',
	},
	...sendEmail.description,
];
