import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sendReplyButtons } from '../../../../core/channels/whatsapp/outbound';
import { forOperation } from '../../../shared/for-operation';
import type { WhatsAppConnection } from '../../transport';
import { messageText, options, recipient } from '../common.descriptions';
import { common, entries, optionsOf, senderOf, text } from './item-parameters';

const buttons: INodeProperties = {
	displayName: 'Buttons',
	name: 'buttons',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	placeholder: 'Add Button',
	description: 'Up to 3 buttons. A tap comes back through the WhatsApp Trigger as an action with the button\'s ID.',
	options: [
		{
			displayName: 'Button',
			name: 'button',
			values: [
				{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'What the button says (up to 20 characters)' },
				{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'What your workflow gets back when it is tapped. Leave empty to use the title.' },
			],
		},
	],
};

export const description = forOperation('sendButtons', [...recipient, messageText(), buttons, options(['footer', 'header', 'includeRaw', 'replyTo', 'phoneNumberId'])], 'message');

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: WhatsAppConnection) {
	const options = optionsOf(this, itemIndex);
	const buttons = entries<{ id?: string; title?: string }>(this, 'buttons', 'button', itemIndex).map((button) => ({ id: button.id, title: String(button.title ?? '') }));
	return await sendReplyButtons(connection.http, senderOf(this, itemIndex, connection), {
		...common(this, itemIndex),
		body: text(this, 'text', itemIndex),
		header: options.header,
		footer: options.footer,
		buttons,
	});
}
