import type { IExecuteFunctions } from 'n8n-workflow';
import type { MessengerConnection } from '../../../../core/channels/messenger/definition';
import { sendMessengerQuickReplies } from '../../../../core/channels/messenger/outbound';
import { quickReplyOptions, sendInput, text } from '../../../MetaMessaging/item-parameters';
import { operationProperties } from '../../../MetaMessaging/send-properties';
import { forOperation } from '../../../shared/for-operation';
import { MESSENGER_TEXT } from '../channel-text';
import { sendingPage } from './sending-page';

export const description = forOperation('sendQuickReplies', operationProperties(MESSENGER_TEXT, 'sendQuickReplies'));

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: MessengerConnection) {
	return await sendMessengerQuickReplies(connection.http, sendingPage(this, itemIndex, connection), {
		...sendInput(this, itemIndex),
		text: text(this, 'text', itemIndex),
		options: quickReplyOptions(this, itemIndex),
	});
}
