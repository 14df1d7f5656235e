import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The key Mailgun signs its webhook and route posts with, to check that a post really comes
 * from Mailgun; and, optionally, the private API key with which the Mailgun Trigger creates
 * and deletes its own route.
 */
export class MailgunWebhookApi implements ICredentialType {
	name = 'omnichannelMailgunWebhookApi';

	displayName = 'Omnichannel Mailgun Webhook API';

	icon = 'file:omnichannelMailgun.svg' as const;

	documentationUrl = 'https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#securing-webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'HTTP Webhook Signing Key',
			name: 'signingKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'In Mailgun: Sending → Webhooks (or Settings → Security & Users → API security) → HTTP webhook signing key. Not the private API key.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The private API key (Settings → API Security → API keys). With it, the Mailgun Trigger creates its route when its workflow is activated and deletes it when deactivated.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'US', value: 'us', description: 'api.mailgun.net' },
				{ name: 'EU', value: 'eu', description: 'api.eu.mailgun.net' },
			],
			default: 'us',
			description: 'Where the Mailgun account is: routes are created in its region',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.mailgun.net',
			description: 'Change only for a proxy or tests; when set it is used instead of the region',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { auth: { username: 'api', password: '={{$credentials.apiKey}}' } },
	};
}
