import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { HttpClient } from '../../core/http/http-client';
import type { CanonicalEvent } from '../../core/model';
import type { MediaType, TemplateInput } from '../../core/channels/whatsapp/message-builders';
import {
	markAsRead,
	sendList,
	sendMedia,
	sendReplyButtons,
	sendTemplate,
	sendText,
	sendUploadedMedia,
	type SendCommon,
	type WhatsAppCloudConfig,
} from '../../core/channels/whatsapp/outbound';

/** One send of the WhatsApp node: reads the item's parameters and calls the core sender. */
export type WhatsAppOperation = (context: IExecuteFunctions, client: HttpClient, config: WhatsAppCloudConfig, itemIndex: number) => Promise<CanonicalEvent>;

interface Options {
	includeRaw?: boolean;
	replyTo?: string;
	previewUrl?: boolean;
	header?: string;
	footer?: string;
	showTyping?: boolean;
}

const param = (context: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown = '') => context.getNodeParameter(name, itemIndex, fallback);
const str = (context: IExecuteFunctions, name: string, itemIndex: number) => String(param(context, name, itemIndex) ?? '');
const optionsOf = (context: IExecuteFunctions, itemIndex: number) => param(context, 'options', itemIndex, {}) as Options;

function common(context: IExecuteFunctions, itemIndex: number): SendCommon {
	const options = optionsOf(context, itemIndex);
	return {
		recipient: str(context, 'recipient', itemIndex),
		defaultCountry: str(context, 'defaultCountry', itemIndex),
		replyTo: options.replyTo,
		includeRaw: options.includeRaw === true,
	};
}

/** The entries of a fixedCollection with multiple values, e.g. `{ button: [{...}, {...}] }`. */
function entries<T>(context: IExecuteFunctions, name: string, key: string, itemIndex: number): T[] {
	const collection = param(context, name, itemIndex, {}) as IDataObject;
	const values = collection[key];
	return Array.isArray(values) ? (values as T[]) : [];
}

function templateInput(context: IExecuteFunctions, itemIndex: number): TemplateInput {
	const headerType = str(context, 'headerType', itemIndex) || 'none';
	let header: TemplateInput['header'];
	if (headerType === 'text') header = { type: 'text', text: str(context, 'headerText', itemIndex) };
	if (headerType === 'image' || headerType === 'video' || headerType === 'document') {
		header = { type: headerType, link: str(context, 'headerMediaUrl', itemIndex), filename: headerType === 'document' ? str(context, 'headerFilename', itemIndex) : undefined };
	}
	return {
		name: str(context, 'templateName', itemIndex),
		languageCode: str(context, 'languageCode', itemIndex),
		bodyParameters: entries<{ text?: unknown; name?: string }>(context, 'bodyParameters', 'parameter', itemIndex).map((entry) => ({ text: String(entry.text ?? ''), name: entry.name })),
		header,
		buttons: entries<{ subType: 'quick_reply' | 'url' | 'copy_code'; index: number; value?: unknown }>(context, 'templateButtons', 'button', itemIndex).map((button) => ({
			subType: button.subType ?? 'quick_reply',
			index: Number(button.index ?? 0),
			value: String(button.value ?? ''),
		})),
	};
}

async function sendMediaItem(context: IExecuteFunctions, client: HttpClient, config: WhatsAppCloudConfig, itemIndex: number): Promise<CanonicalEvent> {
	const type = str(context, 'mediaType', itemIndex) as MediaType;
	const captioned = type === 'image' || type === 'video' || type === 'document';
	const base = {
		...common(context, itemIndex),
		type,
		caption: captioned ? str(context, 'caption', itemIndex) : undefined,
		filename: type === 'document' ? str(context, 'filename', itemIndex) : undefined,
	};
	if (str(context, 'mediaSource', itemIndex) !== 'binary') return await sendMedia(client, config, { ...base, link: str(context, 'mediaUrl', itemIndex) });

	const property = str(context, 'binaryPropertyName', itemIndex) || 'data';
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const uploadFilename = base.filename || binary.fileName || `${type}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	return await sendUploadedMedia(client, config, {
		...base,
		filename: type === 'document' ? uploadFilename : undefined,
		data,
		mimeType: binary.mimeType,
		uploadFilename,
	});
}

export const whatsappOperations: Record<string, WhatsAppOperation> = {
	sendText: async (context, client, config, itemIndex) =>
		await sendText(client, config, { ...common(context, itemIndex), text: str(context, 'text', itemIndex), previewUrl: optionsOf(context, itemIndex).previewUrl === true }),

	sendMedia: sendMediaItem,

	sendTemplate: async (context, client, config, itemIndex) => await sendTemplate(client, config, { ...common(context, itemIndex), template: templateInput(context, itemIndex) }),

	sendButtons: async (context, client, config, itemIndex) => {
		const options = optionsOf(context, itemIndex);
		const buttons = entries<{ id?: string; title?: string }>(context, 'buttons', 'button', itemIndex).map((button) => ({ id: button.id, title: String(button.title ?? '') }));
		return await sendReplyButtons(client, config, { ...common(context, itemIndex), body: str(context, 'text', itemIndex), header: options.header, footer: options.footer, buttons });
	},

	sendList: async (context, client, config, itemIndex) => {
		const options = optionsOf(context, itemIndex);
		const rows = entries<{ section?: string; id?: string; title?: string; description?: string }>(context, 'rows', 'row', itemIndex).map((row) => ({ ...row, title: String(row.title ?? '') }));
		return await sendList(client, config, {
			...common(context, itemIndex),
			body: str(context, 'text', itemIndex),
			header: options.header,
			footer: options.footer,
			buttonText: str(context, 'listButtonText', itemIndex),
			rows,
		});
	},

	markAsRead: async (context, client, config, itemIndex) => {
		const options = optionsOf(context, itemIndex);
		return await markAsRead(client, config, { messageId: str(context, 'messageId', itemIndex), showTyping: options.showTyping === true, includeRaw: options.includeRaw === true });
	},
};
