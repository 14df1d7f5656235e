/**
 * The adapter a Pipedrive node gets from n8n's own credentials: the API token as n8n sends it
 * (api_token query parameter), or OAuth2 with the company's API domain from the token.
 */
import axios from 'axios';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { pipedriveAddress, pipedriveAdapter } from '../../../../nodes/OmnichannelPipedrive/transport';
import { personUrl } from '../../../../core/crm/pipedrive';
import { startFakePipedriveApi, type FakePipedriveApi } from '../../../support/pipedrive-api';

const TOKEN = 'pd-test-token-0003';

/** Just what the transport uses of n8n's execute context; the helper signs as n8n's credential types do. */
function executeContext(parameters: Record<string, unknown>, credentials: Record<string, Record<string, unknown>>): { context: IExecuteFunctions; signedWith: string[] } {
	const signedWith: string[] = [];
	const context = {
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => parameters[name] ?? fallback,
		getCredentials: async (type: string) => credentials[type],
		helpers: {
			async httpRequestWithAuthentication(type: string, options: IHttpRequestOptions) {
				signedWith.push(type);
				const oauth = type === 'pipedriveOAuth2Api';
				const response = await axios.request({
					method: options.method,
					url: options.url,
					params: { ...options.qs, ...(oauth ? {} : { api_token: credentials[type].apiToken }) },
					headers: { ...options.headers, ...(oauth ? { authorization: `Bearer ${(credentials[type].oauthTokenData as { access_token: string }).access_token}` } : {}) },
					data: options.body,
					validateStatus: () => true,
				});
				return { statusCode: response.status, headers: response.headers, body: response.data };
			},
		},
	};
	return { context: context as unknown as IExecuteFunctions, signedWith };
}

describe('pipedriveAdapter (n8n credentials)', () => {
	let api: FakePipedriveApi;
	beforeEach(async () => {
		api = await startFakePipedriveApi(TOKEN);
		api.addPerson({ name: 'Maria Silva', emails: [{ value: 'maria.silva@example.com', primary: true, label: 'work' }] });
	});
	afterEach(() => api.close());

	it("uses n8n's Pipedrive API credential by default, its token sent as api_token", async () => {
		const { context, signedWith } = executeContext({ options: { baseUrl: api.url, companyDomain: 'padaria' } }, { pipedriveApi: { apiToken: TOKEN } });

		const [maria] = await (await pipedriveAdapter(context, 0)).findContacts({ emails: ['maria.silva@example.com'], phones: [], traits: {} });

		expect(maria).toMatchObject({ name: 'Maria Silva', url: `https://padaria.pipedrive.com/person/${maria.id}` });
		expect(signedWith).toEqual(['pipedriveApi']);
		expect(api.requests[0].query.get('api_token')).toBe(TOKEN);
	});

	it("calls the company's API domain from the OAuth2 token, with its Bearer token", async () => {
		const { context, signedWith } = executeContext({ authentication: 'oAuth2' }, { pipedriveOAuth2Api: { oauthTokenData: { access_token: TOKEN, api_domain: api.url } } });

		const properties = await (await pipedriveAdapter(context, 0)).listProperties();

		expect(properties.length).toBeGreaterThan(0);
		expect(signedWith).toEqual(['pipedriveOAuth2Api']);
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(api.requests[0].query.has('api_token')).toBe(false);
	});

	it('takes the base URL from the options over the API domain, and the API domain as the company', () => {
		const oauth = { oauthTokenData: { access_token: 'x', api_domain: 'https://padaria-pao-quente.pipedrive.com' } };
		expect(pipedriveAddress(oauth, {})).toEqual({ baseUrl: 'https://padaria-pao-quente.pipedrive.com', companyDomain: 'https://padaria-pao-quente.pipedrive.com' });
		expect(pipedriveAddress(oauth, { baseUrl: 'https://gateway.example/pipedrive' })).toEqual({ baseUrl: 'https://gateway.example/pipedrive', companyDomain: 'https://padaria-pao-quente.pipedrive.com' });
		expect(pipedriveAddress({ apiToken: 'x' }, {})).toEqual({});
		expect(personUrl(pipedriveAddress(oauth, {}).companyDomain, 1042)).toBe('https://padaria-pao-quente.pipedrive.com/person/1042');
	});
});
