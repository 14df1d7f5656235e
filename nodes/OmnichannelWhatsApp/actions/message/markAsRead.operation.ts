import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { markAsRead } from '../../../../core/channels/whatsapp/outbound';
import { forOperation } from '../../../shared/for-operation';
import type { WhatsAppConnection } from '../../transport';
import { options } from '../common.descriptions';
import { optionsOf, senderOf, text } from './item-parameters';

const messageId: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. {{ $json.externalId }}',
	description: 'The ID (wamid…) of the customer\'s message; from the WhatsApp Trigger it is the externalId field',
};

export const description = forOperation('markAsRead', [messageId, options(['includeRaw', 'phoneNumberId', 'showTyping'])], 'message');

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: WhatsAppConnection) {
	const options = optionsOf(this, itemIndex);
	return await markAsRead(connection.http, senderOf(this, itemIndex, connection), {
		messageId: text(this, 'messageId', itemIndex),
		showTyping: options.showTyping === true,
		includeRaw: options.includeRaw === true,
	});
}
