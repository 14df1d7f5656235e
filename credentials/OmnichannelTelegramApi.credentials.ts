import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A Telegram bot. The Bot API takes the token in the URL path (`/bot<token>/<method>`), not
 * in a header, so there is nothing for an `authenticate` block to add: the Omnichannel
 * Telegram nodes read the token from this credential and build each method's URL with it,
 * and keep it out of logs and errors.
 */
export class OmnichannelTelegramApi implements ICredentialType {
	name = 'omnichannelTelegramApi';

	displayName = 'Omnichannel Telegram API';

	icon = 'file:omnichannelTelegram.svg' as const;

	documentationUrl = 'https://core.telegram.org/bots/features#botfather';

	properties: INodeProperties[] = [
		{
			displayName: 'Bot Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '123456789:AAbbCCdd…',
			description: 'The token @BotFather gave when the bot was created (send /token to @BotFather to see it again)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.telegram.org',
			description: 'Change only for a self-hosted Telegram Bot API server',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.telegram.org").replace(/\\/+$/, "") }}/bot{{ $credentials.accessToken }}',
			url: '/getMe',
			method: 'GET',
		},
	};
}
