import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An RD Station CRM user's API token (API v1). RD Station CRM takes it as the `token` query
 * parameter of every request; what the token may see follows that user's visibility in the CRM.
 */
export class RdStationCrmApi implements ICredentialType {
	name = 'omnichannelRdStationCrmApi';

	displayName = 'Omnichannel RD Station CRM API';

	icon = 'file:rdStationCrm.svg' as const;

	documentationUrl = 'https://developers.rdstation.com/docs/api-rest';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'In RD Station CRM: your name at the top right > Perfil > Token da instância. The API sees what this user sees in the CRM, so use a user who can see every contact and deal.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://crm.rdstation.com',
			description: 'Change only for a gateway or a test server; the API is under /api/v1',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { qs: { token: '={{$credentials.token}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://crm.rdstation.com").replace(/\\/+$/, "") }}/api/v1',
			url: '/token/check',
			method: 'GET',
		},
	};
}
