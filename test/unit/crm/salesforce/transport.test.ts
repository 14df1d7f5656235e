import { generateKeyPairSync } from 'node:crypto';
import axios from 'axios';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { salesforceAdapter } from '../../../../nodes/OmnichannelSalesforce/transport';
import { TOKEN, useSalesforceApi } from './salesforce-setup';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** n8n's request helper as the node sees it: full responses, HTTP errors answered, not thrown. */
async function n8nRequest(options: IHttpRequestOptions) {
	const response = await axios.request({ method: options.method, url: options.url, headers: options.headers as Record<string, string>, params: options.qs, data: options.body, validateStatus: () => true });
	return { statusCode: response.status, headers: response.headers, body: response.data as unknown };
}

/** Just enough of an executing node: its parameters, its credentials, and n8n's HTTP helpers. */
function nodeContext(parameters: Record<string, string>, credentials: Record<string, IDataObject>): IExecuteFunctions {
	return {
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => parameters[name] ?? fallback,
		getCredentials: async (type: string) => credentials[type],
		helpers: {
			httpRequest: n8nRequest,
			// n8n applies the OAuth2 credential: the token as a Bearer header.
			async httpRequestWithAuthentication(type: string, options: IHttpRequestOptions) {
				const token = (credentials[type].oauthTokenData as IDataObject).access_token as string;
				return n8nRequest({ ...options, headers: { ...options.headers, Authorization: `Bearer ${token}` } });
			},
		},
	} as unknown as IExecuteFunctions;
}

describe('salesforceAdapter (the node transport)', () => {
	const api = useSalesforceApi();

	it("uses n8n's Salesforce OAuth2 credential and the instance URL its token answer gave", async () => {
		const contact = api().add('Contact', { LastName: 'Silva', Email: 'maria@example.com' });
		const context = nodeContext({ authentication: 'oAuth2' }, { salesforceOAuth2Api: { oauthTokenData: { access_token: TOKEN, instance_url: api().url } } });

		const found = await (await salesforceAdapter(context)).findContacts({ emails: ['maria@example.com'], phones: [], traits: {} });

		expect(found.map((record) => record.id)).toEqual([contact]);
	});

	it('says to connect an OAuth2 credential that never signed in', async () => {
		const context = nodeContext({}, { salesforceOAuth2Api: { clientId: 'x' } });
		await expect(salesforceAdapter(context)).rejects.toThrow('The Salesforce OAuth2 credential is not connected to an org yet');
	});

	it("signs in with n8n's Salesforce JWT credential, reuses the session, and signs in again when it ends", async () => {
		api().trustJwt({ clientId: 'jwt-app', username: 'integration@acme.example', publicKey });
		const credential = { environment: 'production', clientId: 'jwt-app', username: 'integration@acme.example', privateKey: pem, myDomainUrl: `${api().url}/` };
		const context = nodeContext({ authentication: 'jwt', 'options.externalIdField': 'Omnichannel_Id__c' }, { salesforceJwtApi: credential });

		await (await salesforceAdapter(context)).listProperties();
		const second = await salesforceAdapter(context);
		api().failNext(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
		await second.listProperties();
		const [result] = await second.upsertContacts([{ customer: { id: 'cus-1', name: 'Ana Lima', emails: [], phones: [], traits: {} }, properties: {} }]);

		expect(api().requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /services/oauth2/token',
			'GET /services/data/v62.0/sobjects/Contact/describe',
			'GET /services/data/v62.0/sobjects/Contact/describe',
			'POST /services/oauth2/token',
			'GET /services/data/v62.0/sobjects/Contact/describe',
			'POST /services/data/v62.0/composite',
		]);
		expect(api().requests[1].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(result).toMatchObject({ ok: true, created: true, contact: { properties: { Omnichannel_Id__c: 'cus-1' } } });
	});
});
