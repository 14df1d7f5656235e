/**
 * n8n's own HubSpot credential types, as n8n-nodes-base defines them, for the harness: the node
 * reuses them and the package ships neither. hubspotAppToken signs with the private app token as
 * a Bearer header; hubspotOAuth2Api extends n8n's oAuth2Api, whose requests n8n signs with the
 * connection's access token (Authorization: Bearer <access_token>).
 */
import type { ICredentialType } from 'n8n-workflow';

export const hubspotAppTokenType: ICredentialType = {
	name: 'hubspotAppToken',
	displayName: 'HubSpot App Token',
	documentationUrl: 'hubspot',
	properties: [{ displayName: 'APP Token', name: 'appToken', type: 'string', typeOptions: { password: true }, default: '' }],
	authenticate: { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.appToken}}' } } },
	test: { request: { baseURL: 'https://api.hubapi.com', url: '/account-info/v3/details' } },
};

export const oAuth2ApiType: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
	],
};

export const hubspotOAuth2ApiType: ICredentialType = {
	name: 'hubspotOAuth2Api',
	extends: ['oAuth2Api'],
	displayName: 'HubSpot OAuth2 API',
	documentationUrl: 'hubspot',
	properties: [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: 'https://app.hubspot.com/oauth/authorize' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: 'https://api.hubapi.com/oauth/v1/token' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'crm.objects.contacts.read crm.objects.contacts.write crm.schemas.contacts.read' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	],
};

export const HUBSPOT_CREDENTIAL_TYPES = [hubspotAppTokenType, oAuth2ApiType, hubspotOAuth2ApiType];
