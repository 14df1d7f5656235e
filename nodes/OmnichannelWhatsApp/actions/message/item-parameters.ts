import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { SendCommon, WhatsAppCloudConfig } from '../../../../core/channels/whatsapp/outbound';
import { whatsappSenderConfig } from '../../../../core/channels/whatsapp/definition';
import type { WhatsAppConnection } from '../../transport';

/** Reading one item's parameters, the same way for every WhatsApp operation. */

export interface WhatsAppOptions {
	includeRaw?: boolean;
	replyTo?: string;
	previewUrl?: boolean;
	header?: string;
	footer?: string;
	showTyping?: boolean;
}

export const text = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '');

export const optionsOf = (context: IExecuteFunctions, itemIndex: number) => context.getNodeParameter('options', itemIndex, {}) as WhatsAppOptions;

/** The number that sends this item: "Sender Phone Number ID" (a list pick or a typed id), else the credential's. */
export function senderOf(context: IExecuteFunctions, itemIndex: number, connection: WhatsAppConnection): WhatsAppCloudConfig {
	const phoneNumberId = context.getNodeParameter('options.phoneNumberId', itemIndex, '', { extractValue: true });
	return whatsappSenderConfig(connection.config, String(phoneNumberId ?? ''));
}

export function common(context: IExecuteFunctions, itemIndex: number): SendCommon {
	const options = optionsOf(context, itemIndex);
	return {
		recipient: text(context, 'recipient', itemIndex),
		defaultCountry: text(context, 'defaultCountry', itemIndex),
		replyTo: options.replyTo,
		includeRaw: options.includeRaw === true,
	};
}

/** The entries of a fixedCollection with multiple values, e.g. `{ button: [{...}, {...}] }`. */
export function entries<T>(context: IExecuteFunctions, name: string, key: string, itemIndex: number): T[] {
	const collection = context.getNodeParameter(name, itemIndex, {}) as IDataObject;
	const values = collection[key];
	return Array.isArray(values) ? (values as T[]) : [];
}
