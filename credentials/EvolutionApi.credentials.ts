import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** An Evolution API v2 server (self-hosted WhatsApp gateway) and one instance on it. */
export class EvolutionApi implements ICredentialType {
	name = 'omnichannelEvolutionApi';

	displayName = 'Omnichannel Evolution API';

	icon = 'file:evolution.svg' as const;

	documentationUrl = 'https://doc.evolution-api.com/v2/api-reference/get-information';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://evolution.example.com',
			description: 'The address of your Evolution API server, without a path',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: "The server's global API key (AUTHENTICATION_API_KEY) or the token of the instance",
		},
		{
			displayName: 'Instance Name',
			name: 'instanceName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'acme-support',
			description: 'The instance (your WhatsApp number) as named in the Evolution manager; capitals matter',
		},
		{
			displayName: 'Webhook JWT Key',
			name: 'webhookJwtKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The jwt_key set in the headers of the instance\'s webhook in Evolution. When set, the trigger only accepts requests with a valid "Authorization: Bearer" token signed with it.',
		},
		{
			displayName: 'Webhook Header Name',
			name: 'webhookHeaderName',
			type: 'string',
			default: '',
			placeholder: 'x-webhook-secret',
			description: 'Optional. A custom header set in the headers of the instance\'s webhook in Evolution; the trigger then only accepts requests that carry it with the value below.',
		},
		{
			displayName: 'Webhook Header Value',
			name: 'webhookHeaderValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The value of the custom webhook header; use a long random text',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { apikey: '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/instance/connectionState/{{encodeURIComponent($credentials.instanceName.trim())}}',
			method: 'GET',
		},
	};
}
