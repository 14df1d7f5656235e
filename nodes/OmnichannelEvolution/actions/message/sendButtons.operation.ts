import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { EvolutionConnection } from '../../../../core/channels/evolution/definition';
import { sendEvolutionButtons, type EvolutionButton } from '../../../../core/channels/evolution/outbound';
import { forOperation } from '../../../shared/for-operation';
import { options, recipient } from '../common.descriptions';
import { base, optionsOf, senderOf, text } from './item-parameters';

const buttons: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		description: 'The first line of the message, shown in bold',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'The text under the title',
	},
	{
		displayName: 'Footer',
		name: 'footer',
		type: 'string',
		default: '',
		description: 'Small grey text under the message',
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		description: 'Up to 3 reply buttons; or link, call and copy buttons (the two kinds cannot be mixed)',
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Code to Copy',
						name: 'copyCode',
						type: 'string',
						default: '',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. talk_to_agent',
						description: 'What the Evolution API Trigger receives as the action when the customer taps this button',
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: '+5511987654321',
					},
					{
						displayName: 'Text',
						name: 'displayText',
						type: 'string',
						default: '',
						description: 'What the button says',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{
								name: 'Reply',
								value: 'reply',
								description: 'The customer taps it to answer;	its ID comes back to the trigger',
							},
							{
								name: 'Open Link',
								value: 'url',
							},
							{
								name: 'Call',
								value: 'call',
							},
							{
								name: 'Copy Code',
								value: 'copy',
								description: 'Copies a code, e.g. a coupon or a Pix key',
							},
						],
						default: 'reply',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/order/4821',
					},
				],
			},
		],
	},
];

export const description = forOperation('sendButtons', [...recipient, ...buttons, options(['thumbnailUrl'])]);

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: EvolutionConnection) {
	const buttons = ((this.getNodeParameter('buttons', itemIndex, {}) as IDataObject).button ?? []) as EvolutionButton[];
	return await sendEvolutionButtons(connection.http, senderOf(this, itemIndex, connection), {
		...base(this, itemIndex),
		title: text(this, 'title', itemIndex),
		description: text(this, 'description', itemIndex),
		footer: text(this, 'footer', itemIndex),
		thumbnailUrl: String(optionsOf(this, itemIndex).thumbnailUrl ?? ''),
		buttons,
	});
}
