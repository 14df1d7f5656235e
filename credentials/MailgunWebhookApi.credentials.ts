import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** The key Mailgun signs its webhook and route posts with, to check that a post really comes from Mailgun. */
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
	];
}
