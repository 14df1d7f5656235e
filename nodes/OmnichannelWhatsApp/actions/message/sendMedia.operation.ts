import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { MediaType } from '../../../../core/channels/whatsapp/message-builders';
import { sendMedia, sendUploadedMedia } from '../../../../core/channels/whatsapp/outbound';
import { forOperation } from '../../../shared/for-operation';
import type { WhatsAppConnection } from '../../transport';
import { options, recipient } from '../common.descriptions';
import { common, senderOf, text } from './item-parameters';

const media: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio', description: 'AAC, AMR, MP3, MP4 audio or OGG (Opus); up to 16 MB' },
			{ name: 'Document', value: 'document', description: 'PDF, Office or text files; up to 100 MB' },
			{ name: 'Image', value: 'image', description: 'JPEG or PNG; up to 5 MB' },
			{ name: 'Sticker', value: 'sticker', description: 'WebP; up to 100 KB (500 KB animated)' },
			{ name: 'Video', value: 'video', description: 'MP4 or 3GP; up to 16 MB' },
		],
		default: 'image',
	},
	{
		displayName: 'Send From',
		name: 'mediaSource',
		type: 'options',
		options: [
			{ name: 'Link', value: 'url', description: 'A public https link WhatsApp downloads the file from' },
			{ name: 'File in the Input Item', value: 'binary', description: 'A file from a previous node (for example a download or a form upload), uploaded to WhatsApp first' },
		],
		default: 'url',
	},
	{
		displayName: 'Link',
		name: 'mediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/invoice.pdf',
		description: 'Must open without login; WhatsApp downloads it when sending',
		displayOptions: { show: { mediaSource: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input field that holds the file',
		displayOptions: { show: { mediaSource: ['binary'] } },
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		description: 'Text shown under the image, video or document (up to 1024 characters)',
		displayOptions: { show: { mediaType: ['image', 'video', 'document'] } },
	},
	{
		displayName: 'File Name',
		name: 'filename',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice-4821.pdf',
		description: 'The name the customer sees for the document. Leave empty to use the input file\'s name.',
		displayOptions: { show: { mediaType: ['document'] } },
	},
];

export const description = forOperation('sendMedia', [...recipient, ...media, options(['includeRaw', 'replyTo', 'phoneNumberId'])], 'message');

/** Sends by link, or uploads the item's file to WhatsApp first and sends it by its media id. */
export async function execute(this: IExecuteFunctions, itemIndex: number, connection: WhatsAppConnection) {
	const config = senderOf(this, itemIndex, connection);
	const type = text(this, 'mediaType', itemIndex) as MediaType;
	const captioned = type === 'image' || type === 'video' || type === 'document';
	const base = {
		...common(this, itemIndex),
		type,
		caption: captioned ? text(this, 'caption', itemIndex) : undefined,
		filename: type === 'document' ? text(this, 'filename', itemIndex) : undefined,
	};
	if (text(this, 'mediaSource', itemIndex) !== 'binary') return await sendMedia(connection.http, config, { ...base, link: text(this, 'mediaUrl', itemIndex) });

	const property = text(this, 'binaryPropertyName', itemIndex) || 'data';
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const uploadFilename = base.filename || binary.fileName || `${type}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	return await sendUploadedMedia(connection.http, config, {
		...base,
		filename: type === 'document' ? uploadFilename : undefined,
		data,
		mimeType: binary.mimeType,
		uploadFilename,
	});
}
