import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { DEFAULT_GRAPH_API_VERSION, DEFAULT_GRAPH_BASE_URL } from '../core/channels/meta/graph-url';

/**
 * A Facebook Page (and the Instagram professional account linked to it) on Meta's Graph
 * API: the token that sends, the App Secret that proves webhooks come from Meta, and the
 * verify token of the webhook setup. Used by the Omnichannel Messenger and Instagram nodes.
 */
export class MetaPageApi implements ICredentialType {
	name = 'omnichannelMetaPageApi';

	displayName = 'Omnichannel Meta Page API';

	icon = 'file:metaPage.svg' as const;

	documentationUrl = 'https://developers.facebook.com/docs/messenger-platform/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'Page Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The Page access token (Meta App Dashboard > Messenger > Settings, or a system user in Business Settings). For Instagram without a Facebook Page, the Instagram access token.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Meta App Dashboard > App settings > Basic > App Secret. Proves that incoming webhooks really come from Meta.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1234567890123456',
			description:
				"Optional. Meta App Dashboard > App settings > Basic > App ID. With it, the Messenger and Instagram Triggers subscribe the Page to the app (and point the app's Messenger webhook at themselves) when their workflow is activated, and undo it when deactivated.",
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Any text you choose; type the same in the Meta App Dashboard when you set up the webhook',
		},
		{
			displayName: 'Page ID',
			name: 'pageId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 105000000000001',
			description: 'The Facebook Page that sends and receives, or the Page linked to the Instagram account',
		},
		{
			displayName: 'Instagram Account ID',
			name: 'igAccountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 17841400000000001',
			description: 'The Instagram professional account ID, for the Instagram nodes. Without a Page ID, Instagram messages are sent as this account (Instagram Login).',
		},
		{
			displayName: 'Graph API Version',
			name: 'graphApiVersion',
			type: 'string',
			default: DEFAULT_GRAPH_API_VERSION,
			placeholder: DEFAULT_GRAPH_API_VERSION,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_GRAPH_BASE_URL,
			description: 'Change only for Instagram Login (https://graph.instagram.com), a proxy or tests',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/{{$credentials.graphApiVersion}}/me',
			method: 'GET',
		},
	};
}
