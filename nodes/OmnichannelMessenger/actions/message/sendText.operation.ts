import type { IExecuteFunctions } from 'n8n-workflow';
import type { MessengerConnection } from '../../../../core/channels/messenger/definition';
import { sendMessengerText } from '../../../../core/channels/messenger/outbound';
import { sendInput, text } from '../../../MetaMessaging/item-parameters';
import { operationProperties } from '../../../MetaMessaging/send-properties';
import { forOperation } from '../../../shared/for-operation';
import { MESSENGER_TEXT } from '../channel-text';
import { sendingPage } from './sending-page';

export const description = forOperation('sendText', operationProperties(MESSENGER_TEXT, 'sendText'));

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: MessengerConnection) {
	return await sendMessengerText(connection.http, sendingPage(this, itemIndex, connection), { ...sendInput(this, itemIndex), text: text(this, 'text', itemIndex) });
}
