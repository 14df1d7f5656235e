import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CrmError, type CrmCustomer } from '../../../../core/crm';
import { HubSpotAdapter } from '../../../../core/crm/hubspot';
import { AxiosHttpClient } from '../../../support/axios-http-client';
import { startFakeHubSpotApi, type FakeHubSpotApi } from '../../../support/hubspot-api';

const FIXTURES = join(__dirname, '../../../fixtures/crm/hubspot');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';

/** HubSpot's own client with the private app token, as the n8n credential signs requests. */
class BearerClient extends AxiosHttpClient {
	constructor(private readonly token: string) {
		super();
	}
	override request<T>(request: Parameters<AxiosHttpClient['request']>[0]) {
		return super.request<T>({ ...request, headers: { ...request.headers, authorization: `Bearer ${this.token}` } });
	}
}

const customer = (fields: Partial<CrmCustomer>): CrmCustomer => ({ emails: [], phones: [], traits: {}, ...fields });

describe('HubSpot adapter, against a stand-in of HubSpot CRM v3', () => {
	let api: FakeHubSpotApi;
	let waits: number[];
	const adapter = (token = TOKEN) => new HubSpotAdapter({ http: new BearerClient(token), baseUrl: api.url, sleep: async (ms) => void waits.push(ms) });
	beforeAll(async () => {
		api = await startFakeHubSpotApi([TOKEN]);
	});
	afterAll(() => api.close());
	beforeEach(() => {
		api.reset();
		waits = [];
	});
	afterEach(() => expect(api.violations).toEqual([]));

	describe('finding a contact', () => {
		it('searches every e-mail and every form of every phone in one request of five OR groups', async () => {
			const id = api.addContact({ email: 'maria.silva@example.com', firstname: 'Maria', lastname: 'Silva', mobilephone: '+55 11 98765-4321' });
			const found = await adapter().findContacts(customer({ emails: ['maria.silva@example.com'], phones: ['+5511987654321'] }));

			expect(found).toEqual([
				expect.objectContaining({ crm: 'hubspot', id, objectType: 'contact', name: 'Maria Silva', emails: ['maria.silva@example.com'], phones: ['+5511987654321'] }),
			]);
			const [search] = api.calls('/crm/v3/objects/contacts/search');
			const written = ['+5511987654321', '+55 11 98765 4321', '(11) 98765-4321', '5511987654321', '11987654321'];
			expect(search.json).toEqual({
				filterGroups: [
					{ filters: [{ propertyName: 'email', operator: 'IN', values: ['maria.silva@example.com'] }] },
					{ filters: [{ propertyName: 'hs_additional_emails', operator: 'CONTAINS_TOKEN', value: 'maria.silva@example.com' }] },
					{ filters: [{ propertyName: 'phone', operator: 'IN', values: written }] },
					{ filters: [{ propertyName: 'mobilephone', operator: 'IN', values: written }] },
					{ filters: [{ propertyName: 'hs_searchable_calculated_phone_number', operator: 'IN', values: ['11987654321'] }] },
				],
				properties: ['email', 'hs_additional_emails', 'firstname', 'lastname', 'phone', 'mobilephone', 'hs_whatsapp_phone_number', 'createdate', 'lastmodifieddate'],
				limit: 100,
			});
		});

		it('finds a WhatsApp customer whose number someone typed in HubSpot in another form', async () => {
			const spaced = api.addContact({ firstname: 'Maria', mobilephone: '11 98765 4321' });
			const national = api.addContact({ firstname: 'Maria S.', phone: '(11) 98765-4321' });
			api.addContact({ firstname: 'Other', phone: '(11) 91234-5678' });
			const found = await adapter().findContacts(customer({ phones: ['+5511987654321'] }));
			expect(found.map((contact) => contact.id).sort()).toEqual([spaced, national].sort());
			// Stored without country code, the number is kept as written.
			expect(found.find((contact) => contact.id === spaced)?.phones).toEqual(['11 98765 4321']);
		});

		it('puts the contact whose primary e-mail it is before one that only has it as an additional e-mail', async () => {
			const additional = api.addContact({ email: 'maria@work.example', hs_additional_emails: 'maria.silva@example.com;m@example.org' });
			const primary = api.addContact({ email: 'maria.silva@example.com' });
			const found = await adapter().findContacts(customer({ emails: ['maria.silva@example.com'] }));
			expect(found.map((contact) => contact.id)).toEqual([primary, additional]);
			expect(found[1].emails).toEqual(['maria@work.example', 'maria.silva@example.com', 'm@example.org']);
		});

		it('splits a customer with many identifiers into searches of five groups, as HubSpot allows', async () => {
			const id = api.addContact({ email: 'third@example.com' });
			const found = await adapter().findContacts(customer({ emails: ['first@example.com', 'second@example.com', 'third@example.com'], phones: ['+5511987654321'] }));
			expect(found.map((contact) => contact.id)).toEqual([id]);
			const searches = api.calls('/crm/v3/objects/contacts/search').map((request) => (request.json as { filterGroups: unknown[] }).filterGroups.length);
			expect(searches).toEqual([5, 2]);
		});

		it('reads a known record id directly, and searches when that contact was deleted since', async () => {
			const id = api.addContact({ email: 'ana@example.com', firstname: 'Ana' });
			expect(await adapter().findContacts(customer({ crmId: id, emails: ['ana@example.com'] }))).toEqual([expect.objectContaining({ id, name: 'Ana' })]);
			expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /crm/v3/objects/contacts/${id}`]);
			expect(api.requests[0].query.get('properties')).toBe('email,hs_additional_emails,firstname,lastname,phone,mobilephone,hs_whatsapp_phone_number,createdate,lastmodifieddate');

			const found = await adapter().findContacts(customer({ crmId: '999', emails: ['ana@example.com'] }));
			expect(found.map((contact) => contact.id)).toEqual([id]);
		});

		it('finds nothing as an empty list', async () => {
			expect(await adapter().findContacts(customer({ emails: ['nobody@example.com'] }))).toEqual([]);
		});
	});

	describe('upserting contacts', () => {
		it('upserts 150 customers with e-mails in two calls, 100 and 50, and says which were created', async () => {
			const existing = api.addContact({ email: 'person0@example.com', firstname: 'Old' });
			const inputs = Array.from({ length: 150 }, (_, n) => ({ customer: customer({ emails: [`person${n}@example.com`], name: `Person ${n}`, phones: [] }), properties: { city: 'São Paulo' } }));
			const results = await adapter().upsertContacts(inputs);

			expect(api.calls('/crm/v3/objects/contacts/batch/upsert').map((request) => (request.json as { inputs: unknown[] }).inputs.length)).toEqual([100, 50]);
			expect(api.requests).toHaveLength(2);
			expect(results.every((result) => result.ok)).toBe(true);
			expect(results[0]).toEqual({ ok: true, created: false, contact: expect.objectContaining({ id: existing, name: 'Person 0' }) });
			expect(results[149]).toEqual({ ok: true, created: true, contact: expect.objectContaining({ emails: ['person149@example.com'], name: 'Person 149' }) });
			expect((api.calls('/crm/v3/objects/contacts/batch/upsert')[0].json as { inputs: unknown[] }).inputs[1]).toEqual({
				idProperty: 'email',
				id: 'person1@example.com',
				properties: { firstname: 'Person', lastname: '1', city: 'São Paulo' },
			});
		});

		it('sends the documented batch upsert body: name, mobile phone, and the mapped properties over them', async () => {
			const expected = fixture('batch-upsert-contacts.request.json');
			await adapter().upsertContacts([{ customer: customer({ emails: ['maria.silva@example.com'], name: 'Maria Silva', phones: ['+5511987654321'] }), properties: {} }]);
			expect(api.calls('/crm/v3/objects/contacts/batch/upsert')[0].rawBody.toString()).toBe(JSON.stringify(expected));
		});

		it('gives the input HubSpot refused in a 207 its own error naming the property, and saves the others', async () => {
			const results = await adapter().upsertContacts([
				{ customer: customer({ emails: ['ok1@example.com'] }), properties: { lifecyclestage: 'lead' } },
				{ customer: customer({ emails: ['bad@example.com'] }), properties: { lifecyclestage: 'hot' } },
				{ customer: customer({ emails: ['ok2@example.com'] }), properties: {} },
			]);
			expect(results.map((result) => result.ok)).toEqual([true, false, true]);
			const { error } = results[1] as { error: CrmError };
			expect(error).toBeInstanceOf(CrmError);
			expect(error.message).toBe("HubSpot refused the contact bad@example.com: the property 'lifecyclestage' is not valid (hot was not one of the allowed options: [subscriber, lead, marketingqualifiedlead, customer]). Check the field mapping.");
			expect(api.requests).toHaveLength(1);
		});

		it('puts the same e-mail twice in separate batches, as HubSpot refuses duplicate ids in one', async () => {
			const results = await adapter().upsertContacts([
				{ customer: customer({ emails: ['twice@example.com'], name: 'First' }), properties: {} },
				{ customer: customer({ emails: ['twice@example.com'], name: 'Second' }), properties: {} },
			]);
			expect(api.calls('/crm/v3/objects/contacts/batch/upsert')).toHaveLength(2);
			expect(results.map((result) => result.ok && result.created)).toEqual([true, false]);
		});

		it('updates by record id without e-mail, finds a phone-only customer before creating, and creates only when nobody has the number', async () => {
			const known = api.addContact({ firstname: 'Known' });
			const byPhone = api.addContact({ firstname: 'Typed', mobilephone: '(11) 98765-4321' });
			const results = await adapter().upsertContacts([
				{ customer: customer({ crmId: known, name: 'Known Person' }), properties: {} },
				{ customer: customer({ phones: ['+5511987654321'], name: 'Maria' }), properties: {} },
				{ customer: customer({ phones: ['+5521999990000'], name: 'New Person' }), properties: {} },
			]);
			expect(results).toEqual([
				{ ok: true, created: false, contact: expect.objectContaining({ id: known, name: 'Known Person' }) },
				{ ok: true, created: false, contact: expect.objectContaining({ id: byPhone, name: 'Maria' }) },
				{ ok: true, created: true, contact: expect.objectContaining({ name: 'New Person', phones: ['+5521999990000'] }) },
			]);
			expect(api.calls('/crm/v3/objects/contacts/batch/update')).toHaveLength(1);
			expect(api.calls('/crm/v3/objects/contacts')[0].json).toEqual({ properties: { firstname: 'New', lastname: 'Person', mobilephone: '+5521999990000' } });
		});
	});

	describe('logging on the timeline', () => {
		const activity = { key: 'evt-1', kind: 'message' as const, direction: 'inbound' as const, timestamp: '2025-06-02T12:30:00Z', subject: 'WhatsApp message from Maria Silva' };

		it('logs a WhatsApp message as a WhatsApp communication associated to the contact (type 81)', async () => {
			const contactId = api.addContact({ email: 'maria.silva@example.com' });
			const body = 'Cliente: Oi, preciso da segunda via do boleto.\nAgente: Claro! Segue o link: https://example.com/boleto/123';
			const result = await adapter().logActivity({ ...activity, contactId, channel: 'whatsapp', body });
			expect(result).toEqual({ id: api.engagements[0].id, objectType: 'communication' });
			const { hubspot_owner_id: _owner, ...documented } = fixture('create-communication-whatsapp.request.json').properties as Record<string, string>;
			expect(api.calls('/crm/v3/objects/communications')[0].json).toEqual({
				properties: { ...documented, hs_communication_body: body },
				associations: [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 81 }] }],
			});
		});

		it('logs an SMS as an SMS communication, and any other channel as a note (type 202) with its HTML escaped', async () => {
			const contactId = api.addContact({ email: 'maria.silva@example.com' });
			await adapter().logActivity({ ...activity, contactId, channel: 'sms', body: 'ok' });
			await adapter().logActivity({ ...activity, contactId, channel: 'email', subject: 'Order <1234>', body: 'Line 1 & more\nLine 2' });
			expect(api.engagements.map((engagement) => [engagement.objectType, engagement.properties.hs_communication_channel_type])).toEqual([
				['communications', 'SMS'],
				['notes', undefined],
			]);
			expect(api.calls('/crm/v3/objects/notes')[0].json).toEqual({
				properties: { hs_timestamp: '2025-06-02T12:30:00.000Z', hs_note_body: '<p><strong>Order &lt;1234&gt;</strong></p><p>Line 1 &amp; more<br>Line 2</p>' },
				associations: [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }],
			});
		});
	});

	it('erases a contact with GDPR delete, and answers erased: false for a contact already gone', async () => {
		const id = api.addContact({ email: 'gone@example.com' });
		expect(await adapter().eraseContact(id)).toEqual({ erased: true });
		expect(api.contacts.has(id)).toBe(false);
		expect(api.calls('/crm/v3/objects/contacts/gdpr-delete')[0].rawBody.toString()).toBe(JSON.stringify({ objectId: id }));
		expect(await adapter().eraseContact(id)).toEqual({ erased: false });
	});

	it('lists the contact properties a mapping can use, saying which are read-only, without hidden ones', async () => {
		const properties = await adapter().listProperties();
		expect(properties).toContainEqual({ name: 'lifecyclestage', label: 'Lifecycle Stage', type: 'enumeration', writable: true });
		expect(properties).toContainEqual({ name: 'hs_searchable_calculated_phone_number', label: 'Phone Number (searchable)', type: 'string', writable: false });
		expect(properties.find((property) => property.name === 'hs_internal_marker')).toBeUndefined();
	});

	describe('under the ten-secondly rolling limit', () => {
		let limited: FakeHubSpotApi;
		let clock: number;
		const throughLimit = () => new HubSpotAdapter({ http: new BearerClient(TOKEN), baseUrl: limited.url, sleep: async (ms) => void (waits.push(ms), (clock += ms)) });
		beforeAll(async () => {
			limited = await startFakeHubSpotApi([TOKEN], { rateLimit: { requests: 3, windowMs: 10_000, now: () => clock } });
		});
		afterAll(() => limited.close());
		beforeEach(() => {
			limited.reset();
			clock = 1_000_000;
		});

		it('the stand-in answers past the limit as HubSpot does, and again once the window has rolled on', async () => {
			const search = () => new BearerClient(TOKEN).request({ method: 'POST', url: `${limited.url}/crm/v3/objects/contacts/search`, json: { filterGroups: [] } });
			for (let i = 0; i < 3; i++) expect((await search()).status).toBe(200);
			clock += 4000;
			const refused = await search();
			expect(refused.status).toBe(429);
			expect(refused.body).toEqual(fixture('error-429-ten-secondly.response.json'));
			expect(refused.headers).toMatchObject({ 'retry-after': '6', 'x-hubspot-ratelimit-max': '3', 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000' });
			expect(limited.rateLimited()).toBe(1);
			clock += 6000;
			expect((await search()).status).toBe(200);
		});

		it('upserts every contact: the batch refused waits as Retry-After says, and none fails', async () => {
			limited.addContact({ email: 'person7@example.com', firstname: 'Old' });
			const inputs = Array.from({ length: 450 }, (_, i) => ({ customer: customer({ emails: [`person${i}@example.com`], phones: [`+55119${String(i).padStart(8, '0')}`], name: `Person ${i}` }), properties: {} }));
			const results = await throughLimit().upsertContacts(inputs);
			expect(results.every((result) => result.ok)).toBe(true);
			expect(results.filter((result) => result.ok && !result.created)).toHaveLength(1);
			expect(limited.calls('/crm/v3/objects/contacts/batch/upsert').map((request) => (request.json as { inputs: unknown[] }).inputs.length)).toEqual([100, 100, 100, 100, 100, 50]);
			expect(limited.rateLimited()).toBe(1);
			expect(waits).toEqual([10_000]);
			expect(limited.contacts.size).toBe(450);
		});
	});

	describe('errors', () => {
		it('waits for the ten-secondly rolling window (10 s, its interval header, or Retry-After) and tries again', async () => {
			api.failNext({ status: 429, body: fixture('error-429-ten-secondly.response.json') });
			api.failNext({ status: 429, body: fixture('error-429-ten-secondly.response.json'), headers: { 'x-hubspot-ratelimit-interval-milliseconds': '5000' } });
			api.failNext({ status: 429, body: fixture('error-429-ten-secondly.response.json'), headers: { 'retry-after': '2' } });
			api.addContact({ email: 'ana@example.com' });
			expect(await adapter().findContacts(customer({ emails: ['ana@example.com'] }))).toHaveLength(1);
			expect(api.requests).toHaveLength(4);
			expect(waits).toEqual([10_000, 5000, 2000]);
		});

		it('gives up on the ten-secondly window after four retries, with the policy as the code', async () => {
			for (let i = 0; i < 5; i++) api.failNext({ status: 429, body: fixture('error-429-ten-secondly.response.json'), headers: { 'retry-after': '1' } });
			const failure = adapter().findContacts(customer({ emails: ['ana@example.com'] }));
			await expect(failure).rejects.toThrow('HubSpot is limiting requests (TEN_SECONDLY_ROLLING limit) and still was after several tries');
			await expect(failure).rejects.toMatchObject({ details: { status: 429, code: 'TEN_SECONDLY_ROLLING' } });
			expect(api.requests).toHaveLength(5);
		});

		it('does not wait for the daily limit, and says it resets at midnight in the account time zone', async () => {
			api.failNext({ status: 429, body: { ...fixture('error-429-ten-secondly.response.json'), policyName: 'DAILY' }, headers: { 'x-hubspot-ratelimit-daily': '500000', 'x-hubspot-ratelimit-daily-remaining': '0' } });
			const failure = adapter().findContacts(customer({ emails: ['ana@example.com'] }));
			await expect(failure).rejects.toThrow(
				"HubSpot refused the contact search: the account has used up its daily API limit of 500,000 requests. It resets at midnight in the HubSpot account's time zone; until then every request is refused, so this one was not retried.",
			);
			await expect(failure).rejects.toMatchObject({ details: { status: 429, code: 'DAILY', hint: expect.stringContaining('Settings > Account Defaults') } });
			expect(api.requests).toHaveLength(1);
			expect(waits).toEqual([]);
		});

		it("keeps HubSpot's category as the error code", async () => {
			api.failNext({ status: 400, body: fixture('error-400-validation.response.json') });
			const [result] = await adapter().upsertContacts([{ customer: customer({ emails: ['maria@example.com'] }), properties: {} }]);
			expect(result).toMatchObject({ ok: false, error: { details: { status: 400, code: 'VALIDATION_ERROR' } } });
		});

		it('names the refused property of a 400 in words', async () => {
			api.failNext({ status: 400, body: fixture('error-400-validation.response.json') });
			const [result] = await adapter().upsertContacts([{ customer: customer({ emails: ['maria@example.com'] }), properties: {} }]);
			expect(result).toMatchObject({ ok: false, error: { message: "HubSpot refused the contact maria@example.com: the property 'email' is not valid (Email address maria@ is invalid). Check the field mapping." } });
		});

		it('names a mapped property that does not exist', async () => {
			const [result] = await adapter().upsertContacts([{ customer: customer({ emails: ['maria@example.com'] }), properties: { favourite_colour: 'blue' } }]);
			expect(result).toMatchObject({ ok: false, error: { message: "HubSpot refused the contact maria@example.com: the property 'favourite_colour' does not exist. Check the field mapping." } });
		});

		it('sends a rejected token to the credential, with the scopes it needs', async () => {
			const failure = adapter('pat-wrong').findContacts(customer({ emails: ['ana@example.com'] }));
			await expect(failure).rejects.toThrow('HubSpot did not accept the credential (401)');
			await expect(failure).rejects.toMatchObject({ details: { status: 401, hint: expect.stringContaining('crm.objects.contacts.read and crm.objects.contacts.write') } });
		});

		it('names the scope a 403 says is missing', async () => {
			api.failNext({
				status: 403,
				body: {
					status: 'error',
					message: "This app hasn't been granted all required scopes to make this call.",
					correlationId: 'c1',
					errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }],
					category: 'MISSING_SCOPES',
				},
			});
			await expect(adapter().eraseContact('1')).rejects.toThrow('HubSpot refused the erasure of contact 1: the credential lacks the scope crm.objects.contacts.write');
		});
	});
});
