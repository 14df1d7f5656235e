import type { IExecuteFunctions } from 'n8n-workflow';
import type { MessengerConnection } from '../../../../core/channels/messenger/definition';
import { sendMessengerMedia } from '../../../../core/channels/messenger/outbound';
import { optionsOf, sendInput, text } from '../../../MetaMessaging/item-parameters';
import { operationProperties } from '../../../MetaMessaging/send-properties';
import { forOperation } from '../../../shared/for-operation';
import { MESSENGER_TEXT } from '../channel-text';
import { sendingPage } from './sending-page';

export const description = forOperation('sendMedia', operationProperties(MESSENGER_TEXT, 'sendMedia'));

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: MessengerConnection) {
	return await sendMessengerMedia(connection.http, sendingPage(this, itemIndex, connection), {
		...sendInput(this, itemIndex),
		mediaType: String(this.getNodeParameter('mediaType', itemIndex)),
		url: text(this, 'mediaUrl', itemIndex),
		reusable: optionsOf(this, itemIndex).reusable === true,
	});
}
