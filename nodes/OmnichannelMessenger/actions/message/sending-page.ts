import type { IExecuteFunctions } from 'n8n-workflow';
import type { MessengerConnection } from '../../../../core/channels/messenger/definition';
import type { MessengerConfig } from '../../../../core/channels/messenger/outbound';
import { accountOption } from '../../../MetaMessaging/item-parameters';

/** The Page this item is sent as: the one picked under Options, else the credential's. */
export function sendingPage(context: IExecuteFunctions, itemIndex: number, { config }: MessengerConnection): MessengerConfig {
	const pageId = accountOption(context, itemIndex, 'pageId');
	return pageId ? { ...config, pageId } : config;
}
