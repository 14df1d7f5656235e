import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** An SMTP account to send email from (any provider: Gmail, Outlook, SES, Postmark, Mailgun, your own server). */
export class SmtpApi implements ICredentialType {
	name = 'omnichannelSmtp';

	displayName = 'Omnichannel SMTP';

	icon = 'file:omnichannelSmtp.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-omnichannel';

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: '', placeholder: 'smtp.example.com', required: true },
		{ displayName: 'Port', name: 'port', type: 'number', default: 587, description: 'Usually 587 with STARTTLS, 465 with SSL/TLS' },
		{
			displayName: 'Security',
			name: 'security',
			type: 'options',
			options: [
				{ name: 'STARTTLS', value: 'starttls', description: 'Connect in plain text, then upgrade to TLS before logging in (port 587). The upgrade is required.' },
				{ name: 'SSL/TLS', value: 'tls', description: 'Encrypted from the first byte (port 465)' },
				{ name: 'None', value: 'none', description: 'No encryption. Only for a relay on the same machine or network.' },
			],
			default: 'starttls',
		},
		{ displayName: 'User', name: 'user', type: 'string', default: '', description: 'Leave empty when the server does not ask for a login' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'With two-step sign-in (Gmail, Outlook), an app password',
		},
		{
			displayName: 'Default From',
			name: 'defaultFrom',
			type: 'string',
			default: '',
			placeholder: 'Acme Support <support@acme.example>',
			description: 'The sender when the node does not set one. Its domain also names our Message-IDs.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the server certificate cannot be validated (self-signed test servers only)',
		},
	];
}
