import type { IExecuteFunctions } from 'n8n-workflow';
import { sendInstagramQuickReplies } from '../../../../core/channels/instagram/outbound';
import { quickReplyOptions, sendInput, text } from '../../../MetaMessaging/item-parameters';
import { operationProperties } from '../../../MetaMessaging/send-properties';
import { forOperation } from '../../../shared/for-operation';
import type { InstagramNodeConnection } from '../../transport';
import { INSTAGRAM_TEXT } from '../channel-text';
import { sendingAccount } from './sending-account';

export const description = forOperation('sendQuickReplies', operationProperties(INSTAGRAM_TEXT, 'sendQuickReplies'));

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: InstagramNodeConnection) {
	return await sendInstagramQuickReplies(connection.http, await sendingAccount(this, itemIndex, connection), {
		...sendInput(this, itemIndex),
		text: text(this, 'text', itemIndex),
		options: quickReplyOptions(this, itemIndex),
	});
}
