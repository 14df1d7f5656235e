import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { EvolutionConnection } from '../../../../core/channels/evolution/definition';
import { sendEvolutionMedia, type EvolutionMediaType } from '../../../../core/channels/evolution/outbound';
import { forOperation } from '../../../shared/for-operation';
import { options, recipient } from '../common.descriptions';
import { base, optionsOf, senderOf, text } from './item-parameters';

const media: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Document', value: 'document', description: 'Any file: PDF, spreadsheet…; shown with its file name' },
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
	},
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		options: [
			{ name: 'URL', value: 'url', description: 'A public address Evolution downloads the file from' },
			{ name: 'File From Input', value: 'binary', description: 'A file (binary data) of the input item, e.g. from a Read File or HTTP Request node' },
		],
		default: 'url',
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/catalogue.pdf',
		displayOptions: { show: { mediaSource: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the file',
		displayOptions: { show: { mediaSource: ['binary'] } },
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Text shown under the image, video or document',
	},
];

export const description = forOperation('sendMedia', [...recipient, ...media, options(['fileName', 'mimeType'])]);

/** From a URL Evolution downloads, or the item's file sent as base64. */
export async function execute(this: IExecuteFunctions, itemIndex: number, connection: EvolutionConnection) {
	const options = optionsOf(this, itemIndex);
	let media = text(this, 'mediaUrl', itemIndex).trim();
	let fileName = String(options.fileName ?? '').trim() || undefined;
	let mimeType = String(options.mimeType ?? '').trim() || undefined;
	if (this.getNodeParameter('mediaSource', itemIndex) === 'binary') {
		const field = text(this, 'binaryPropertyName', itemIndex).trim() || 'data';
		const binary = this.helpers.assertBinaryData(itemIndex, field);
		media = (await this.helpers.getBinaryDataBuffer(itemIndex, field)).toString('base64');
		fileName ??= binary.fileName;
		mimeType ??= binary.mimeType;
	}
	return await sendEvolutionMedia(connection.http, senderOf(this, itemIndex, connection), {
		...base(this, itemIndex),
		mediaType: this.getNodeParameter('mediaType', itemIndex) as EvolutionMediaType,
		media,
		caption: text(this, 'caption', itemIndex),
		fileName,
		mimeType,
	});
}
