import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The Basic-auth user and password that protect a Postmark inbound webhook. Postmark does
 * not sign its webhooks; it sends these when they are part of the webhook URL set in
 * Postmark: https://user:password@your-n8n.example/webhook/…  With the server's API token
 * too, the Postmark Trigger sets that URL itself.
 */
export class PostmarkInboundApi implements ICredentialType {
	name = 'omnichannelPostmarkInboundApi';

	displayName = 'Omnichannel Postmark Inbound API';

	icon = 'file:omnichannelPostmark.svg' as const;

	documentationUrl = 'https://postmarkapp.com/developer/webhooks/inbound-webhook';

	properties: INodeProperties[] = [
		{
			displayName:
				'Put the same user and password in the inbound webhook URL in Postmark (Servers → your server → Inbound stream → Settings): https://USER:PASSWORD@your-n8n.example/webhook/… With a Server API Token below, the Postmark Trigger does it when its workflow is activated.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{ displayName: 'User', name: 'user', type: 'string', default: '', required: true },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{
			displayName: 'Server API Token',
			name: 'serverToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional. The token of the Postmark server that receives the e-mails (Servers → your server → API Tokens). With it, the Postmark Trigger sets the server's inbound webhook URL when activated and clears it when deactivated.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.postmarkapp.com',
			description: 'Change only for a proxy or tests',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Postmark-Server-Token': '={{$credentials.serverToken}}' } },
	};
}
