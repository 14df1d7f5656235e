import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { DEFAULT_GRAPH_API_VERSION, DEFAULT_GRAPH_BASE_URL } from '../core/channels/meta/graph-url';

/**
 * A WhatsApp Business phone number on Meta's Cloud API: the token that sends, the App
 * Secret that proves webhooks come from Meta, the verify token of the webhook setup, and
 * the number that sends. Used by the Omnichannel WhatsApp nodes.
 */
export class WhatsAppCloudApi implements ICredentialType {
	name = 'omnichannelWhatsAppCloudApi';

	displayName = 'Omnichannel WhatsApp Cloud API';

	icon = 'file:whatsAppCloud.svg' as const;

	documentationUrl = 'https://developers.facebook.com/docs/whatsapp/cloud-api/get-started';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A system user token with the whatsapp_business_messaging permission (Meta Business Settings > Users > System users > Generate token). The temporary token from API Setup expires after 24 hours.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Meta App Dashboard > App settings > Basic > App Secret. Proves that incoming webhooks really come from Meta; the trigger needs it.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1234567890123456',
			description:
				"Optional. Meta App Dashboard > App settings > Basic > App ID. With it and the App Secret, the WhatsApp Trigger points the app's WhatsApp webhook at itself when its workflow is activated, and removes it when deactivated.",
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Any text you choose; type the same in the Meta App Dashboard > WhatsApp > Configuration when you set up the webhook',
		},
		{
			displayName: 'Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 106540000000001',
			description: 'The ID of the business phone number that sends (Meta App Dashboard > WhatsApp > API Setup), not the phone number itself',
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 102290000000001',
			description:
				'Optional. The WhatsApp Business Account (WABA) that owns the number; shown next to the Phone Number ID. With it, the WhatsApp Trigger also subscribes the app to this account when activated.',
		},
		{
			displayName: 'Graph API Version',
			name: 'apiVersion',
			type: 'string',
			default: DEFAULT_GRAPH_API_VERSION,
			placeholder: DEFAULT_GRAPH_API_VERSION,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_GRAPH_BASE_URL,
			description: 'Change only for a proxy, a self-hosted gateway that speaks the Cloud API, or tests',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/{{$credentials.apiVersion}}/{{$credentials.phoneNumberId}}',
			method: 'GET',
		},
	};
}
