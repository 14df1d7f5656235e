/**
 * The Pipedrive, Salesforce and RD Station nodes through n8n's engine, each against its CRM's
 * stand-in: the same operations as the HubSpot node (test/nodes/hubspot-node.test.ts covers the
 * shared layer in depth), here proving each node's credentials, adapter and options are wired:
 * a form entry upserted creates the contact, found again by its e-mail, and a redelivered
 * message is logged on its timeline once.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import { RdStationCrmApi } from '../../credentials/RdStationCrmApi.credentials';
import { OmnichannelPipedrive } from '../../nodes/OmnichannelPipedrive/OmnichannelPipedrive.node';
import { OmnichannelRdStation } from '../../nodes/OmnichannelRdStation/OmnichannelRdStation.node';
import { OmnichannelSalesforce } from '../../nodes/OmnichannelSalesforce/OmnichannelSalesforce.node';
import { inboundMessage } from '../support/events';
import { oAuth2ApiType } from '../support/hubspot-credentials';
import { runWorkflow } from '../support/n8n-harness';
import { startFakePipedriveApi } from '../support/pipedrive-api';
import { objectId, rdCrmDeal, startFakeRdStationCrm } from '../support/rdstation-api';
import { startFakeSalesforceApi } from '../support/salesforce-api';

/** n8n's own credential types these nodes reuse, as n8n-nodes-base defines them (the package ships neither). */
const pipedriveApiType: ICredentialType = {
	name: 'pipedriveApi',
	displayName: 'Pipedrive API',
	properties: [{ displayName: 'API Token', name: 'apiToken', type: 'string', typeOptions: { password: true }, default: '' }],
	authenticate: { type: 'generic', properties: { qs: { api_token: '={{$credentials.apiToken}}' } } },
};
const salesforceOAuth2ApiType: ICredentialType = { name: 'salesforceOAuth2Api', extends: ['oAuth2Api'], displayName: 'Salesforce OAuth2 API', properties: [] };

interface CrmUnderTest {
	crm: 'pipedrive' | 'salesforce' | 'rdstation';
	node: INodeType;
	start(): Promise<{
		url: string;
		close(): Promise<void>;
		credentials: Record<string, ICredentialDataDecryptedObject>;
		parameters: INodeParameters;
		/** What the CRM holds on the contact's timeline. */
		timeline(): unknown[];
		/** Whatever the CRM needs before a contact's conversation can be logged (RD Station CRM: an open deal). */
		prepare(contactId: string): void;
	}>;
	credentialTypes: ICredentialType[];
}

const CRMS: CrmUnderTest[] = [
	{
		crm: 'pipedrive',
		node: new OmnichannelPipedrive(),
		credentialTypes: [pipedriveApiType],
		async start() {
			const api = await startFakePipedriveApi('pd-token-123');
			return {
				url: api.url,
				close: () => api.close(),
				credentials: { pipedriveApi: { apiToken: 'pd-token-123' } },
				parameters: { options: { baseUrl: api.url } },
				timeline: () => [...api.notes, ...api.activities],
				prepare: () => undefined,
			};
		},
	},
	{
		crm: 'salesforce',
		node: new OmnichannelSalesforce(),
		credentialTypes: [oAuth2ApiType, salesforceOAuth2ApiType],
		async start() {
			const api = await startFakeSalesforceApi('sf-session-123');
			return {
				url: api.url,
				close: () => api.close(),
				credentials: {
					salesforceOAuth2Api: { clientId: 'client', clientSecret: 'secret', oauthTokenData: { access_token: 'sf-session-123', instance_url: api.url, token_type: 'Bearer' } },
				},
				parameters: {},
				timeline: () => api.tasks,
				prepare: () => undefined,
			};
		},
	},
	{
		crm: 'rdstation',
		node: new OmnichannelRdStation(),
		credentialTypes: [new RdStationCrmApi()],
		async start() {
			const api = await startFakeRdStationCrm('rd-token-123');
			return {
				url: api.url,
				close: () => api.close(),
				credentials: { omnichannelRdStationCrmApi: { token: 'rd-token-123', baseUrl: `${api.url}/` } },
				parameters: { product: 'crm' },
				timeline: () => api.activities,
				prepare: (contactId) => {
					const id = contactId.replace(/^crm:/, '');
					const deal = rdCrmDeal(objectId(), id);
					api.deals.set(String(deal.id), deal);
					const contact = api.contacts.get(id)!;
					contact.deal_ids = [...((contact.deal_ids as string[] | undefined) ?? []), deal.id];
				},
			};
		},
	},
];

type Output = IDataObject & { crm: Record<string, IDataObject & { contactId: string | null }> };

for (const under of CRMS) {
	describe(`Omnichannel ${under.crm} node through n8n`, () => {
		let api: Awaited<ReturnType<CrmUnderTest['start']>>;
		beforeAll(async () => {
			api = await under.start();
		});
		afterAll(() => api.close());

		const run = (parameters: INodeParameters, items: IDataObject[]) =>
			runWorkflow({
				nodeTypes: { crmNode: under.node },
				nodes: [{ name: 'CRM', type: 'crmNode', parameters: { ...api.parameters, ...parameters } }],
				credentials: api.credentials,
				credentialTypes: under.credentialTypes,
				items: items.map((json) => ({ json })),
			});
		const mapped = { customerSource: 'fields', email: '={{ $json.email }}', phone: '={{ $json.phone }}', name: '={{ $json.name }}' };
		const email = `joana.${under.crm}@example.com`;

		it('creates the contact of a form entry, finds it again by e-mail, and logs a redelivered message once', async () => {
			const upserted = await run({ operation: 'upsertContact', ...mapped }, [{ email, phone: '+5511987650042', name: 'Joana Prado' }]);
			expect(upserted.error).toBeUndefined();
			const created = (upserted.jsonOf('CRM') as Output[])[0].crm[under.crm];
			expect(created).toMatchObject({ created: true, contactId: expect.any(String) });
			expect(upserted.outputOf('CRM')[0].pairedItem).toEqual({ item: 0 });

			const found = await run({ operation: 'findContact', ...mapped }, [{ email: email.toUpperCase() }]);
			expect(found.error).toBeUndefined();
			expect((found.jsonOf('CRM') as Output[])[0].crm[under.crm]).toMatchObject({ found: true, contactId: created.contactId });

			api.prepare(String(created.contactId));
			const event = { ...inboundMessage([{ kind: 'email', value: email }], { channel: 'whatsapp', text: 'Meu pedido já saiu?' }), crm: { [under.crm]: { contactId: created.contactId } } } as unknown as IDataObject;
			const first = await run({ operation: 'logConversation', ...mapped }, [{ ...event, email }]);
			const again = await run({ operation: 'logConversation', ...mapped }, [{ ...event, email }]);
			expect(first.error).toBeUndefined();
			expect((first.jsonOf('CRM') as Output[])[0].crm[under.crm]).toMatchObject({ contactId: created.contactId, duplicate: false });
			expect((again.jsonOf('CRM') as Output[])[0].crm[under.crm]).toMatchObject({ duplicate: true });
			expect(api.timeline()).toHaveLength(1);
			expect(JSON.stringify(api.timeline()[0])).toContain('Meu pedido já saiu?');
		});
	});
}
