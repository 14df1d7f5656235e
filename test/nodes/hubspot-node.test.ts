import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { closeStores, CustomerGraph, openStore, type Database, type Identity } from '../../core';
import { CustomerMerge } from '../../nodes/CustomerMerge/CustomerMerge.node';
import { OmnichannelConversation } from '../../nodes/OmnichannelConversation/OmnichannelConversation.node';
import { OmnichannelHubSpot } from '../../nodes/OmnichannelHubSpot/OmnichannelHubSpot.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { inboundMessage } from '../support/events';
import { HUBSPOT_CREDENTIAL_TYPES } from '../support/hubspot-credentials';
import { startFakeHubSpotApi, type FakeHubSpotApi } from '../support/hubspot-api';
import { chain, runWorkflow, type HarnessNode } from '../support/n8n-harness';
import { dropSchema, postgresUnavailable, uniqueSchema } from '../support/postgres';

const APP_TOKEN = 'pat-na1-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const OAUTH_ACCESS_TOKEN = 'CJSP5qf1KhICAQEYs-gDIIGOBii1';

const STORES: { name: string; available: boolean; credential: () => ICredentialDataDecryptedObject }[] = [
	{ name: 'embedded store in a folder', available: true, credential: () => ({ storeType: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-hubspot-')) }) },
	{
		name: 'PostgreSQL server',
		available: !postgresUnavailable,
		credential: () => ({ storeType: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema: uniqueSchema('omni_hubspot_node') }),
	},
];

let people = 0;
/** A Brazilian mobile nobody else in the store has. */
const newPhone = (): Identity => ({ kind: 'phone', value: `+55119${String((process.pid * 100 + ++people) % 100_000_000).padStart(8, '0')}` });
/** "(11) 9xxxx-xxxx": how a person types that number in HubSpot. */
const typedInBrazil = (e164: string) => `(${e164.slice(3, 5)}) ${e164.slice(5, 10)}-${e164.slice(10)}`;

type CrmOutput = IDataObject & { crm: { hubspot: IDataObject & { contactId: string | null } }; customer?: { id: string; identities: Identity[] } };

describe('Omnichannel HubSpot node through n8n', () => {
	let api: FakeHubSpotApi;
	beforeAll(async () => {
		api = await startFakeHubSpotApi([APP_TOKEN, OAUTH_ACCESS_TOKEN]);
	});
	afterAll(() => api.close());
	beforeEach(() => api.reset());
	afterEach(() => expect(api.violations).toEqual([]));

	const hubspotNode = (parameters: INodeParameters, extra: Partial<HarnessNode> = {}): HarnessNode => ({
		name: 'HubSpot',
		type: 'omnichannelHubSpot',
		parameters: { ...parameters, options: { apiBaseUrl: api.url } },
		...extra,
	});
	const nodeTypes = { omnichannelHubSpot: new OmnichannelHubSpot(), customerMerge: new CustomerMerge(), omnichannelConversation: new OmnichannelConversation() };
	const hubspotCredentials = { hubspotAppToken: { appToken: APP_TOKEN } };

	/** The HubSpot node alone on `items`, without a store. */
	const alone = (parameters: INodeParameters, items: IDataObject[], extra: Partial<HarnessNode> = {}, credentials: Record<string, ICredentialDataDecryptedObject> = hubspotCredentials) =>
		runWorkflow({ nodeTypes, nodes: [hubspotNode(parameters, extra)], credentials, credentialTypes: HUBSPOT_CREDENTIAL_TYPES, items: items.map((json) => ({ json })) });

	/** The customer from fields mapped from the item, as after a form or a spreadsheet. */
	const mapped = { customerSource: 'fields', email: '={{ $json.email }}', name: '={{ $json.name }}' };

	it('upserts 150 form entries in two calls of 100 and 50, and says which contacts were created', async () => {
		const existing = api.addContact({ email: 'lead0@example.com', firstname: 'Old' });
		const items = Array.from({ length: 150 }, (_, n) => ({ email: `Lead${n}@Example.com`, name: `Lead ${n}`, plan: n % 2 ? 'lead' : 'customer' }));
		const result = await alone({ operation: 'upsertContact', ...mapped, fields: { field: [{ property: 'lifecyclestage', value: '={{ $json.plan }}' }] } }, items);

		expect(result.error).toBeUndefined();
		expect(api.calls('/crm/v3/objects/contacts/batch/upsert').map((request) => (request.json as { inputs: unknown[] }).inputs.length)).toEqual([100, 50]);
		expect(api.requests).toHaveLength(2);
		expect(api.requests.every((request) => request.headers.authorization === `Bearer ${APP_TOKEN}`)).toBe(true);
		const output = result.jsonOf('HubSpot') as CrmOutput[];
		expect(output).toHaveLength(150);
		expect(output[0]).toMatchObject({ email: 'Lead0@Example.com', crm: { hubspot: { contactId: existing, created: false, contact: { name: 'Lead 0', emails: ['lead0@example.com'] } } } });
		expect(output[149].crm.hubspot).toMatchObject({ created: true, contact: { properties: { lifecyclestage: 'lead' } } });
		expect(result.outputOf('HubSpot')[149].pairedItem).toEqual({ item: 149 });
		expect(api.contacts.size).toBe(150);
	});

	it('sends the item HubSpot refused in a 207 to the error output, in words naming the property, and the others on', async () => {
		const items = [
			{ email: 'ok1@example.com', name: 'Ok One', plan: 'lead' },
			{ email: 'bad@example.com', name: 'Bad', plan: 'very hot' },
			{ email: 'ok2@example.com', name: 'Ok Two', plan: 'customer' },
		];
		const result = await alone({ operation: 'upsertContact', ...mapped, fields: { field: [{ property: 'lifecyclestage', value: '={{ $json.plan }}' }] } }, items, { onError: 'continueErrorOutput' });
		expect(result.error).toBeUndefined();
		expect(api.requests).toHaveLength(1);
		expect(result.jsonOf('HubSpot', 0).map((json) => (json as CrmOutput).crm.hubspot.created)).toEqual([true, true]);
		const [failed] = result.jsonOf('HubSpot', 1);
		expect(failed).toMatchObject({
			email: 'bad@example.com',
			error: "HubSpot refused the contact bad@example.com: the property 'lifecyclestage' is not valid (very hot was not one of the allowed options: [subscriber, lead, marketingqualifiedlead, customer]). Check the field mapping.",
		});
		expect(result.outputOf('HubSpot', 1)[0].pairedItem).toEqual({ item: 1 });
	});

	it('calls HubSpot with the access token of an OAuth2 connection', async () => {
		const result = await alone({ authentication: 'oAuth2', operation: 'findContact', ...mapped }, [{ email: 'nobody@example.com' }], {}, {
			hubspotOAuth2Api: { clientId: 'client', clientSecret: 'secret', oauthTokenData: { access_token: OAUTH_ACCESS_TOKEN, refresh_token: 'refresh', token_type: 'bearer' } },
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${OAUTH_ACCESS_TOKEN}`);
		expect(result.jsonOf('HubSpot')[0]).toMatchObject({ crm: { hubspot: { found: false, contactId: null, matches: 0 } } });
	});

	it('says to check the credential and its scopes when HubSpot refuses the token', async () => {
		const result = await alone({ operation: 'findContact', ...mapped }, [{ email: 'ana@example.com' }], {}, { hubspotAppToken: { appToken: 'pat-revoked' } });
		expect(result.error?.message).toBe('HubSpot did not accept the credential (401): the token is wrong, expired or revoked');
		expect(result.error?.description).toContain('crm.objects.contacts.read and crm.objects.contacts.write');
	});

	it('logs a redelivered message once without a store, remembering it in memory', async () => {
		const contactId = api.addContact({ email: 'memo@example.com' });
		const event = { ...inboundMessage([{ kind: 'email', value: 'memo@example.com' }], { channel: 'sms', text: 'Is my order on its way?' }), crm: { hubspot: { contactId } } } as unknown as IDataObject;
		const first = await alone({ operation: 'logConversation', customerSource: 'fields', email: 'memo@example.com' }, [event]);
		const again = await alone({ operation: 'logConversation', customerSource: 'fields', email: 'memo@example.com' }, [event]);
		expect(first.jsonOf('HubSpot')[0]).toMatchObject({ crm: { hubspot: { contactId, duplicate: false, activity: { objectType: 'communication' } } } });
		expect(again.jsonOf('HubSpot')[0]).toMatchObject({ crm: { hubspot: { contactId, duplicate: true, activity: { id: api.engagements[0].id } } } });
		expect(api.engagements).toHaveLength(1);
		expect(api.engagements[0].properties).toMatchObject({ hs_communication_channel_type: 'SMS', hs_communication_body: expect.stringContaining('Customer: Is my order on its way?') });
	});

	for (const store of STORES) {
		(store.available ? describe : describe.skip)(`with the Omnichannel Store — ${store.name}`, () => {
			let credential: ICredentialDataDecryptedObject;
			let db: Database;
			beforeAll(async () => {
				credential = store.credential();
				db = await openStore(storeConfigFromCredential(credential));
			});
			afterAll(async () => {
				await closeStores();
				if (credential.storeType === 'postgres') await dropSchema(String(credential.schema));
				else rmSync(String(credential.folder), { recursive: true, force: true });
			});

			/** Customer Merge (Resolve) then the HubSpot node, as after a channel trigger. */
			const afterMerge = (events: object[], parameters: INodeParameters, extra: Partial<HarnessNode> = {}) =>
				runWorkflow({
					nodeTypes,
					nodes: [{ name: 'Customer Merge', type: 'customerMerge', parameters: { operation: 'resolve' } }, hubspotNode(parameters, extra)],
					connections: chain('Customer Merge', 'HubSpot'),
					credentials: { ...hubspotCredentials, omnichannelStoreApi: credential },
					credentialTypes: HUBSPOT_CREDENTIAL_TYPES,
					items: events.map((json) => ({ json: json as IDataObject })),
				});

			it('finds the WhatsApp customer whose number was typed in another form, records the HubSpot id on the customer, and the next event needs no search', async () => {
				const phone = newPhone();
				const contactId = api.addContact({ firstname: 'Maria', lastname: 'Silva', phone: typedInBrazil(phone.value) });
				const first = await afterMerge([inboundMessage([phone], { from: { identities: [phone], name: 'Maria' } })], { operation: 'findContact' });
				expect(first.error).toBeUndefined();
				const [found] = first.jsonOf('HubSpot') as CrmOutput[];
				expect(found.crm.hubspot).toMatchObject({ found: true, contactId, matches: 1, contact: { name: 'Maria Silva', phones: [typedInBrazil(phone.value)] } });
				expect(found.crm.hubspot.warning).toBeUndefined();
				const graph = new CustomerGraph(db);
				const customer = await graph.getCustomer(found.customer!.id, 0);
				expect(customer?.identities).toEqual(expect.arrayContaining([{ kind: 'hubspot', value: contactId }]));

				api.requests.splice(0);
				const second = await afterMerge([inboundMessage([phone])], { operation: 'findContact' });
				expect((second.jsonOf('HubSpot')[0] as CrmOutput).crm.hubspot).toMatchObject({ found: true, contactId });
				expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /crm/v3/objects/contacts/${contactId}`]);
			});

			it('logs a message twice delivered once: one WhatsApp communication, the second output duplicate, nothing called', async () => {
				const phone = newPhone();
				const event = inboundMessage([phone], { from: { identities: [phone], name: 'Joana Lima' }, text: 'Preciso da segunda via do boleto' });
				const first = await afterMerge([event], { operation: 'logConversation' });
				expect(first.error).toBeUndefined();
				const [logged] = first.jsonOf('HubSpot') as CrmOutput[];
				expect(logged.crm.hubspot).toMatchObject({ created: true, duplicate: false, activity: { objectType: 'communication' } });
				const contactId = logged.crm.hubspot.contactId!;
				expect(api.engagements).toEqual([
					expect.objectContaining({
						objectType: 'communications',
						properties: expect.objectContaining({ hs_communication_channel_type: 'WHATS_APP', hs_communication_body: expect.stringMatching(/WhatsApp\] Customer: Preciso da segunda via do boleto$/) }),
						associations: [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 81 }] }],
					}),
				]);

				api.requests.splice(0);
				const again = await afterMerge([event], { operation: 'logConversation' });
				expect((again.jsonOf('HubSpot')[0] as CrmOutput).crm.hubspot).toMatchObject({ contactId, duplicate: true, activity: { id: api.engagements[0].id, objectType: 'communication' } });
				expect(api.requests).toEqual([]);
				expect(api.engagements).toHaveLength(1);
				const rows = await db.query<{ customer_id: string; record_id: string }>('SELECT customer_id, record_id FROM crm_activities WHERE contact_id = $1', [contactId]);
				expect(rows).toEqual([{ customer_id: logged.customer!.id, record_id: api.engagements[0].id }]);
			});

			it('releases the claim when HubSpot fails, so that the next delivery logs it', async () => {
				const phone = newPhone();
				const event = inboundMessage([phone], { channel: 'instagram', text: 'any news?' });
				api.failNext({ status: 500, body: { status: 'error', message: 'internal error', category: 'INTERNAL_ERROR' }, path: '/crm/v3/objects/notes' });
				const failed = await afterMerge([event], { operation: 'logConversation' });
				expect(failed.error?.message).toBe('HubSpot failed to answer (500) for the note on contact ' + String(api.contacts.keys().next().value));
				const retried = await afterMerge([event], { operation: 'logConversation' });
				expect((retried.jsonOf('HubSpot')[0] as CrmOutput).crm.hubspot).toMatchObject({ duplicate: false, activity: { objectType: 'note' } });
				expect(api.engagements).toHaveLength(1);
			});

			it("logs the conversation's transcript across channels from the store", async () => {
				const phone = newPhone();
				const email: Identity = { kind: 'email', value: `t${people}@example.com` };
				await runWorkflow({
					nodeTypes,
					nodes: [
						{ name: 'Customer Merge', type: 'customerMerge', parameters: { operation: 'resolve' } },
						{ name: 'Conversation', type: 'omnichannelConversation', parameters: { resource: 'conversation', operation: 'openOrContinue' } },
					],
					connections: chain('Customer Merge', 'Conversation'),
					credentials: { omnichannelStoreApi: credential },
					items: [{ json: inboundMessage([phone, email], { text: 'first on WhatsApp' }) as unknown as IDataObject }],
				});
				const result = await runWorkflow({
					nodeTypes,
					nodes: [
						{ name: 'Customer Merge', type: 'customerMerge', parameters: { operation: 'resolve' } },
						{ name: 'Conversation', type: 'omnichannelConversation', parameters: { resource: 'conversation', operation: 'openOrContinue' } },
						hubspotNode({ operation: 'logConversation', log: 'conversation' }),
					],
					connections: chain('Customer Merge', 'Conversation', 'HubSpot'),
					credentials: { ...hubspotCredentials, omnichannelStoreApi: credential },
					credentialTypes: HUBSPOT_CREDENTIAL_TYPES,
					items: [{ json: inboundMessage([email], { channel: 'email', text: 'then by e-mail', subject: 'Order' }) as unknown as IDataObject }],
				});
				expect(result.error).toBeUndefined();
				expect((result.jsonOf('HubSpot')[0] as CrmOutput).crm.hubspot).toMatchObject({ activity: { objectType: 'note' }, duplicate: false });
				const body = api.engagements[0].properties.hs_note_body;
				expect(body).toMatch(/^<p><strong>Email conversation with the customer<\/strong><\/p><p>\[.* WhatsApp\] Customer: first on WhatsApp<br>\[.* Email\] Customer: \[Subject: Order\] then by e-mail<\/p>$/);
			});

			it("erases the customer's contacts before Forget, and by an e-mail mapped from before it after", async () => {
				const phone = newPhone();
				const email = `erase${people}@example.com`;
				const contactId = api.addContact({ email });
				const other = api.addContact({ mobilephone: phone.value });
				const erased = await afterMerge([inboundMessage([phone, { kind: 'email', value: email }])], { operation: 'eraseContact' });
				expect(erased.error).toBeUndefined();
				expect((erased.jsonOf('HubSpot')[0] as CrmOutput).crm.hubspot).toMatchObject({ erased: true, erasedContactIds: [contactId, other] });
				expect(api.calls('/crm/v3/objects/contacts/gdpr-delete').map((request) => request.json)).toEqual([{ objectId: contactId }, { objectId: other }]);

				const later = api.addContact({ email });
				const byEmail = await alone({ operation: 'eraseContact', eraseBy: 'email', email: '={{ $json.email }}' }, [{ forgotten: true, email }]);
				expect((byEmail.jsonOf('HubSpot')[0] as CrmOutput).crm.hubspot).toMatchObject({ contactId: later, erased: true });
				expect(api.contacts.size).toBe(0);
			});
		});
	}
});
