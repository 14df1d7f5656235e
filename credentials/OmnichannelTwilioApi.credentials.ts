import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A Twilio account: sends SMS, MMS and WhatsApp messages, and checks the signature of Twilio's webhooks. */
export class OmnichannelTwilioApi implements ICredentialType {
	name = 'omnichannelTwilioApi';

	displayName = 'Omnichannel Twilio API';

	icon = 'file:twilio.svg' as const;

	documentationUrl = 'https://www.twilio.com/docs/iam/api/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Sign In With',
			name: 'authType',
			type: 'options',
			options: [
				{ name: 'Auth Token', value: 'authToken', description: 'The Account SID and Auth Token from the Twilio Console' },
				{ name: 'API Key', value: 'apiKey', description: 'An API Key SID and Secret, which can be revoked on their own' },
			],
			default: 'authToken',
		},
		{
			displayName: 'Account SID',
			name: 'accountSid',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'Starts with AC; shown under Account Info on the Twilio Console home page',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Shown under Account Info on the Twilio Console home page. The trigger needs it in both sign-in modes: Twilio signs its webhooks with it.',
		},
		{
			displayName: 'API Key SID',
			name: 'apiKeySid',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'Starts with SK; create one in the Twilio Console under Account > API keys & tokens',
			displayOptions: { show: { authType: ['apiKey'] } },
		},
		{
			displayName: 'API Key Secret',
			name: 'apiKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Shown only once, when the API key is created',
			displayOptions: { show: { authType: ['apiKey'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.twilio.com',
			description: 'Change only for a Twilio edge location or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{ $credentials.authType === "apiKey" ? $credentials.apiKeySid : $credentials.accountSid }}',
				password: '={{ $credentials.authType === "apiKey" ? $credentials.apiKeySecret : $credentials.authToken }}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.twilio.com").replace(/\\/+$/, "") }}',
			url: '=/2010-04-01/Accounts/{{ $credentials.accountSid }}.json',
			method: 'GET',
		},
	};
}
