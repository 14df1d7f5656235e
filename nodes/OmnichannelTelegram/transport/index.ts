import type { TelegramConnection } from '../../../core/channels/telegram/definition';
import type { ChannelConnector } from '../../shared/channel-connector';
import { n8nHttpClient } from '../../shared/n8n-http-client';
import { TELEGRAM_CREDENTIAL, telegramBotConfig } from '../bot-config';

/** The bot of the credential; its token only ever goes into Bot API URLs. */
export const telegramConnector: ChannelConnector<TelegramConnection> = {
	credential: TELEGRAM_CREDENTIAL,
	label: 'Omnichannel Telegram API',
	async connect(context) {
		return { http: n8nHttpClient(context, TELEGRAM_CREDENTIAL), config: await telegramBotConfig(context) };
	},
};
