/**
 * The RD Station transport inside n8n's engine: the adapter built from each product's
 * credential reaches the stand-in with n8n applying the credential (the CRM token as the
 * `token` query parameter, Marketing's OAuth2 Bearer token) at the credential's Base URL.
 */
import { NodeConnectionTypes, type ICredentialType, type IExecuteFunctions, type INodeExecutionData, type INodeType } from 'n8n-workflow';
import { RdStationCrmApi } from '../../credentials/RdStationCrmApi.credentials';
import { RdStationMarketingOAuth2Api } from '../../credentials/RdStationMarketingOAuth2Api.credentials';
import type { RdStationProduct } from '../../core/crm/rdstation';
import { rdStationAdapter } from '../../nodes/OmnichannelRdStation/transport';
import { runWorkflow } from '../support/n8n-harness';
import { rdFixture, startFakeRdStationCrm, startFakeRdStationMarketing, type RdRecord } from '../support/rdstation-api';

/** A node that only finds the item's e-mail in the chosen product: what the CRM node will do per item. */
const findNode: INodeType = {
	description: {
		displayName: 'RD Station Find',
		name: 'rdStationFind',
		group: ['transform'],
		version: 1,
		description: 'Finds contacts by e-mail in RD Station',
		defaults: { name: 'Find' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'omnichannelRdStationCrmApi', required: false },
			{ name: 'omnichannelRdStationMarketingOAuth2Api', required: false },
		],
		properties: [{ displayName: 'Product', name: 'product', type: 'string', default: 'crm' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		for (const [itemIndex, item] of this.getInputData().entries()) {
			const adapter = await rdStationAdapter(this, this.getNodeParameter('product', itemIndex) as RdStationProduct, itemIndex);
			const contacts = await adapter.findContacts({ emails: [String(item.json.email)], phones: [], traits: {} });
			output.push({ json: { ids: contacts.map((contact) => contact.id) }, pairedItem: { item: itemIndex } });
		}
		return [output];
	},
};

/** n8n's own OAuth2 parent type, reduced to what the engine reads. */
const oAuth2Api: ICredentialType = { name: 'oAuth2Api', displayName: 'OAuth2 API', properties: [] };

describe('RD Station transport in n8n', () => {
	it('calls RD Station CRM with the token as a query parameter at the Base URL', async () => {
		const api = await startFakeRdStationCrm('crm-token-123');
		try {
			const maria = rdFixture<{ contacts: RdRecord[] }>('rdstation-crm/list-contacts-by-email.response.json').contacts[0];
			api.contacts.set(String(maria.id), maria);
			const result = await runWorkflow({
				nodeTypes: { rdStationFind: findNode },
				nodes: [{ name: 'Find', type: 'rdStationFind', parameters: { product: 'crm' } }],
				credentials: { omnichannelRdStationCrmApi: { token: 'crm-token-123', baseUrl: `${api.url}/` } },
				credentialTypes: [new RdStationCrmApi()],
				items: [{ json: { email: 'maria.silva@example.com' } }],
			});
			expect(result.error).toBeUndefined();
			expect(result.outputOf('Find')[0].json).toEqual({ ids: [`crm:${String(maria.id)}`] });
			expect(api.requests[0].query.get('token')).toBe('crm-token-123');
		} finally {
			await api.close();
		}
	});

	it('calls RD Station Marketing with the OAuth2 access token as a Bearer header', async () => {
		const api = await startFakeRdStationMarketing('oauth-access-token');
		try {
			const maria = rdFixture('rdstation-marketing/get-contact-by-email.response.json');
			api.contacts.set(String(maria.uuid), maria);
			const result = await runWorkflow({
				nodeTypes: { rdStationFind: findNode },
				nodes: [{ name: 'Find', type: 'rdStationFind', parameters: { product: 'marketing' } }],
				credentials: {
					omnichannelRdStationMarketingOAuth2Api: {
						baseUrl: api.url, clientId: 'app', clientSecret: 'secret', grantType: 'authorizationCode', authentication: 'body',
						authUrl: 'https://api.rd.services/auth/dialog', accessTokenUrl: `${api.url}/auth/token`, scope: '',
						oauthTokenData: { access_token: 'oauth-access-token', refresh_token: 'refresh', token_type: 'Bearer', expires_in: 86400 },
					},
				},
				credentialTypes: [new RdStationMarketingOAuth2Api(), oAuth2Api],
				items: [{ json: { email: 'maria.silva@example.com' } }],
			});
			expect(result.error).toBeUndefined();
			expect(result.outputOf('Find')[0].json).toEqual({ ids: [`marketing:${String(maria.uuid)}`] });
			expect(api.requests[0].headers.authorization).toBe('Bearer oauth-access-token');
		} finally {
			await api.close();
		}
	});
});
