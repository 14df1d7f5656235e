import type { IExecuteFunctions } from 'n8n-workflow';
import { sendInstagramMedia } from '../../../../core/channels/instagram/outbound';
import { sendInput, text } from '../../../MetaMessaging/item-parameters';
import { operationProperties } from '../../../MetaMessaging/send-properties';
import { forOperation } from '../../../shared/for-operation';
import type { InstagramNodeConnection } from '../../transport';
import { INSTAGRAM_TEXT } from '../channel-text';
import { sendingAccount } from './sending-account';

export const description = forOperation('sendMedia', operationProperties(INSTAGRAM_TEXT, 'sendMedia'));

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: InstagramNodeConnection) {
	return await sendInstagramMedia(connection.http, await sendingAccount(this, itemIndex, connection), {
		...sendInput(this, itemIndex),
		mediaType: String(this.getNodeParameter('mediaType', itemIndex)),
		url: text(this, 'mediaUrl', itemIndex),
	});
}
