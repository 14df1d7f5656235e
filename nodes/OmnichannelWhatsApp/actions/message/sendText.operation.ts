import type { IExecuteFunctions } from 'n8n-workflow';
import { sendText } from '../../../../core/channels/whatsapp/outbound';
import { forOperation } from '../../../shared/for-operation';
import type { WhatsAppConnection } from '../../transport';
import { messageText, options, recipient } from '../common.descriptions';
import { common, optionsOf, senderOf, text } from './item-parameters';

export const description = forOperation('sendText', [...recipient, messageText(), options(['includeRaw', 'previewUrl', 'replyTo', 'phoneNumberId'])], 'message');

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: WhatsAppConnection) {
	return await sendText(connection.http, senderOf(this, itemIndex, connection), {
		...common(this, itemIndex),
		text: text(this, 'text', itemIndex),
		previewUrl: optionsOf(this, itemIndex).previewUrl === true,
	});
}
