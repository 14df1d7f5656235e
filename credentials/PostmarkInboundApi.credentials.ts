import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The Basic-auth user and password that protect a Postmark inbound webhook. Postmark does
 * not sign its webhooks; it sends these when they are part of the webhook URL set in
 * Postmark: https://user:password@your-n8n.example/webhook/…
 */
export class PostmarkInboundApi implements ICredentialType {
	name = 'omnichannelPostmarkInboundApi';

	displayName = 'Omnichannel Postmark Inbound API';

	icon = 'file:omnichannelPostmark.svg' as const;

	documentationUrl = 'https://postmarkapp.com/developer/webhooks/inbound-webhook';

	properties: INodeProperties[] = [
		{
			displayName: 'Put the same user and password in the inbound webhook URL in Postmark (Servers → your server → Inbound stream → Settings): https://USER:PASSWORD@your-n8n.example/webhook/…',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{ displayName: 'User', name: 'user', type: 'string', default: '', required: true },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true },
	];
}
