import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An RD Station Marketing account connected through an app of the RD Station App Store (OAuth2:
 * the access token lasts a day and n8n renews it with the refresh token). Register the app with
 * n8n's OAuth Redirect URL as its callback URL, then paste its client id and secret here.
 */
export class RdStationMarketingOAuth2Api implements ICredentialType {
	name = 'omnichannelRdStationMarketingOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Omnichannel RD Station Marketing OAuth2 API';

	icon = 'file:rdStationMarketing.svg' as const;

	documentationUrl = 'https://developers.rdstation.com/reference/autenticacao';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: 'https://api.rd.services/auth/dialog' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: 'https://api.rd.services/auth/token' },
		// RD Station Marketing has no scopes: the app's permissions are set in the App Store.
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.rd.services',
			description: 'Change only for a gateway or a test server',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.rd.services").replace(/\\/+$/, "") }}',
			url: '/platform/contacts/fields',
			method: 'GET',
		},
	};
}
