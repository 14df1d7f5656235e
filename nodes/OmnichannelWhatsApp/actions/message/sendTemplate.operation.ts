import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { TemplateInput } from '../../../../core/channels/whatsapp/message-builders';
import { sendTemplate } from '../../../../core/channels/whatsapp/outbound';
import { forOperation } from '../../../shared/for-operation';
import type { WhatsAppConnection } from '../../transport';
import { options, recipient } from '../common.descriptions';
import { common, entries, senderOf, text } from './item-parameters';

const template: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The name of an approved template, as in WhatsApp Manager > Message templates',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. order_update',
				validation: [{ type: 'regex', properties: { regex: '^\\s*[a-z0-9_]+\\s*$', errorMessage: 'Template names are lower-case letters, digits and underscores, e.g. order_update' } }],
			},
		],
	},
	{
		displayName: 'Language Code',
		name: 'languageCode',
		type: 'string',
		required: true,
		default: 'en_US',
		placeholder: 'e.g. pt_BR',
		description: 'The language of the template version to send, e.g. en_US, pt_BR, es',
	},
	{
		displayName: 'Body Parameters',
		name: 'bodyParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Parameter',
		description: 'The values of the template\'s variables, in order: the first fills {{1}}, the second {{2}}…',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Value', name: 'text', type: 'string', default: '', placeholder: 'e.g. {{ $json.customerName }}' },
					{
						displayName: 'Variable Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Only for templates with named variables such as {{first_name}}: the variable\'s name. Leave empty for numbered variables.',
					},
				],
			},
		],
	},
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		options: [
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'None or Fixed', value: 'none', description: 'The template has no header, or a header without variables' },
			{ name: 'Text Variable', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
		default: 'none',
		description: 'What fills the template\'s header, when it has a variable or media',
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		displayOptions: { show: { headerType: ['text'] } },
	},
	{
		displayName: 'Header Media Link',
		name: 'headerMediaUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/banner.jpg',
		displayOptions: { show: { headerType: ['image', 'video', 'document'] } },
	},
	{
		displayName: 'Header File Name',
		name: 'headerFilename',
		type: 'string',
		default: '',
		placeholder: 'e.g. boleto.pdf',
		displayOptions: { show: { headerType: ['document'] } },
	},
	{
		displayName: 'Buttons',
		name: 'templateButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Button Value',
		description: 'Values for the template\'s buttons that need one: the payload you get back when a quick reply is tapped, the end of a dynamic link, or a coupon code',
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Button Type',
						name: 'subType',
						type: 'options',
						options: [
							{ name: 'Quick Reply', value: 'quick_reply' },
							{ name: 'Link (Dynamic URL)', value: 'url' },
							{ name: 'Copy Code', value: 'copy_code' },
						],
						default: 'quick_reply',
					},
					{ displayName: 'Position', name: 'index', type: 'number', typeOptions: { minValue: 0, maxValue: 9 }, default: 0, description: 'The button\'s place in the template: 0 for the first, 1 for the second…' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The payload, the end of the link, or the code' },
				],
			},
		],
	},
];

export const description = forOperation('sendTemplate', [...recipient, ...template, options(['includeRaw', 'replyTo', 'phoneNumberId'])], 'message');

function templateInput(context: IExecuteFunctions, itemIndex: number): TemplateInput {
	const headerType = text(context, 'headerType', itemIndex) || 'none';
	let header: TemplateInput['header'];
	if (headerType === 'text') header = { type: 'text', text: text(context, 'headerText', itemIndex) };
	if (headerType === 'image' || headerType === 'video' || headerType === 'document') {
		header = { type: headerType, link: text(context, 'headerMediaUrl', itemIndex), filename: headerType === 'document' ? text(context, 'headerFilename', itemIndex) : undefined };
	}
	return {
		// A list pick, a typed name, or (saved before the list existed) plain text.
		name: String(context.getNodeParameter('templateName', itemIndex, '', { extractValue: true }) ?? ''),
		languageCode: text(context, 'languageCode', itemIndex),
		bodyParameters: entries<{ text?: unknown; name?: string }>(context, 'bodyParameters', 'parameter', itemIndex).map((entry) => ({ text: String(entry.text ?? ''), name: entry.name })),
		header,
		buttons: entries<{ subType: 'quick_reply' | 'url' | 'copy_code'; index: number; value?: unknown }>(context, 'templateButtons', 'button', itemIndex).map((button) => ({
			subType: button.subType ?? 'quick_reply',
			index: Number(button.index ?? 0),
			value: String(button.value ?? ''),
		})),
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: WhatsAppConnection) {
	return await sendTemplate(connection.http, senderOf(this, itemIndex, connection), { ...common(this, itemIndex), template: templateInput(this, itemIndex) });
}
