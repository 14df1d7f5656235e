import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sendList } from '../../../../core/channels/whatsapp/outbound';
import { forOperation } from '../../../shared/for-operation';
import type { WhatsAppConnection } from '../../transport';
import { messageText, options, recipient } from '../common.descriptions';
import { common, entries, optionsOf, senderOf, text } from './item-parameters';

const list: INodeProperties[] = [
	{
		displayName: 'List Button Label',
		name: 'listButtonText',
		type: 'string',
		required: true,
		default: 'Options',
		description: 'The button that opens the list (up to 20 characters)',
	},
	{
		displayName: 'Rows',
		name: 'rows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Row',
		description: 'Up to 10 choices. Rows with the same section title are shown together. A choice comes back through the WhatsApp Trigger as an action with the row\'s ID.',
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Section', name: 'section', type: 'string', default: '', description: 'Section title (up to 24 characters); needed when the list has several sections' },
					{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Up to 24 characters' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Shown under the title (up to 72 characters)' },
					{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'What your workflow gets back when it is chosen. Leave empty to use the title.' },
				],
			},
		],
	},
];

export const description = forOperation('sendList', [...recipient, messageText(), ...list, options(['footer', 'header', 'includeRaw', 'replyTo', 'phoneNumberId'])], 'message');

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: WhatsAppConnection) {
	const options = optionsOf(this, itemIndex);
	const rows = entries<{ section?: string; id?: string; title?: string; description?: string }>(this, 'rows', 'row', itemIndex).map((row) => ({ ...row, title: String(row.title ?? '') }));
	return await sendList(connection.http, senderOf(this, itemIndex, connection), {
		...common(this, itemIndex),
		body: text(this, 'text', itemIndex),
		header: options.header,
		footer: options.footer,
		buttonText: text(this, 'listButtonText', itemIndex),
		rows,
	});
}
