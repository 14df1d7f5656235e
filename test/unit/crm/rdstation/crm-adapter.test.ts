import { RdStationCrmAdapter, crmPhoneSearchForms } from '../../../../core/crm/rdstation';
import { CrmError } from '../../../../core/crm/types';
import { AxiosHttpClient } from '../../../support/axios-http-client';
import { objectId, rdCrmDeal, signedClient, startFakeRdStationCrm, type FakeRdStationCrm, type RdRecord } from '../../../support/rdstation-api';
import { NO_WAIT, customer, rdFixture } from './fixtures';

const TOKEN = '65f1b000e4b0a1001c2d9999';
const listed = rdFixture<{ contacts: RdRecord[] }>('rdstation-crm/list-contacts-by-email.response.json');
const MARIA = listed.contacts[0];
const MARIA_ID = String(MARIA.id);

let api: FakeRdStationCrm;
let adapter: RdStationCrmAdapter;

beforeEach(async () => {
	api = await startFakeRdStationCrm(TOKEN);
	api.contacts.set(MARIA_ID, structuredClone(MARIA));
	adapter = new RdStationCrmAdapter(signedClient(new AxiosHttpClient(), { token: TOKEN }), { baseUrl: `${api.url}/`, retry: NO_WAIT });
});

afterEach(async () => {
	expect(api.violations).toEqual([]);
	await api.close();
});

const activity = (contactId: string) => ({
	contactId, key: 'evt-1', kind: 'message' as const, channel: 'whatsapp' as const, direction: 'inbound' as const,
	timestamp: '2025-06-02T12:30:00Z', subject: 'WhatsApp message from Maria Silva', body: 'Cliente pediu segunda via do boleto.',
});

describe('RD Station CRM: finding contacts', () => {
	it('finds a contact by e-mail, with the token as a query parameter, and reads its phone as E.164', async () => {
		const [contact, ...others] = await adapter.findContacts(customer({ emails: ['maria.silva@example.com'] }));
		expect(others).toEqual([]);
		expect(contact).toMatchObject({ crm: 'rdstation', id: `crm:${MARIA_ID}`, objectType: 'contact', name: 'Maria Silva', emails: ['maria.silva@example.com'], phones: ['+5511987654321'] });
		const [request] = api.requests;
		expect(request.path).toBe('/api/v1/contacts');
		expect(Object.fromEntries(request.query)).toEqual({ email: 'maria.silva@example.com', token: TOKEN });
	});

	it.each(['(11) 98765-4321', '11987654321', '+55 11 98765-4321', '+5511987654321', '5511987654321'])('finds a contact whose phone was typed as %s', async (typed) => {
		api.contacts.set(MARIA_ID, { ...structuredClone(MARIA), phones: [{ phone: typed, type: 'cellphone' }] });
		const found = await adapter.findContacts(customer({ phones: ['+5511987654321'] }));
		expect(found.map((contact) => contact.id)).toEqual([`crm:${MARIA_ID}`]);
		// Searched form after form, and stopped at the one stored.
		const searched = api.requests.map((request) => request.query.get('phone'));
		expect(searched).toEqual(crmPhoneSearchForms('+5511987654321').slice(0, searched.length));
		expect(searched.at(-1)).toBe(typed);
	});

	it('searches the forms Brazilian users type, national ones first', () => {
		expect(crmPhoneSearchForms('+5511987654321')).toEqual(['(11) 98765-4321', '11987654321', '+55 11 98765-4321', '+5511987654321', '5511987654321']);
	});

	it('keeps only contacts that really have the address when the filter answers more', async () => {
		api.contacts.set('65f1c2a9e4b0a1001c2d0000', { id: '65f1c2a9e4b0a1001c2d0000', name: 'Outra Pessoa', emails: [{ email: 'outra@example.com' }], phones: [] });
		api.filtersIgnored = true;
		const found = await adapter.findContacts(customer({ emails: ['maria.silva@example.com'] }));
		expect(found.map((contact) => contact.name)).toEqual(['Maria Silva']);
	});

	it('reads the contact by its id when the customer has one, and a deleted contact is not found', async () => {
		expect((await adapter.findContacts(customer({ crmId: `crm:${MARIA_ID}` })))[0].name).toBe('Maria Silva');
		expect(await adapter.findContacts(customer({ crmId: 'crm:65f1c2a9e4b0a1001c2dffff' }))).toEqual([]);
		expect(api.requests.map((request) => request.path)).toEqual([`/api/v1/contacts/${MARIA_ID}`, '/api/v1/contacts/65f1c2a9e4b0a1001c2dffff']);
	});

	it('refuses a Marketing id in words', async () => {
		const error = await adapter.findContacts(customer({ crmId: 'marketing:c2f3d2b4-1d2e-4f3a-9b8c-7d6e5f4a3b21' })).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(CrmError);
		expect((error as CrmError).message).toContain('is an RD Station Marketing contact, but this step works on RD Station CRM');
		expect(api.requests).toEqual([]);
	});
});

describe('RD Station CRM: upserting contacts', () => {
	it('creates a contact that is not there, with its e-mail and its phone as Brazilians write it', async () => {
		const [result] = await adapter.upsertContacts([{ customer: customer({ name: 'João Souza', emails: ['joao@example.com'], phones: ['+5521998887777'] }), properties: { title: 'Gerente' } }]);
		expect(result).toMatchObject({ ok: true, created: true, contact: { name: 'João Souza', emails: ['joao@example.com'], phones: ['+5521998887777'] } });
		const post = api.requests.find((request) => request.method === 'POST');
		expect(post?.rawBody.toString()).toBe(JSON.stringify({ contact: { title: 'Gerente', name: 'João Souza', emails: [{ email: 'joao@example.com' }], phones: [{ phone: '+55 21 99888-7777' }] } }));
		if (!result.ok) throw result.error;
		expect(api.contacts.has(result.contact.id.replace('crm:', ''))).toBe(true);
	});

	it('updates the contact found, keeping what RD Station holds and adding the new phone and custom field', async () => {
		api.customFields.push({ id: '65f1d000e4b0a1001c2d0a01', label: 'Canal preferido', for: 'contact', type: 'text' });
		const [result] = await adapter.upsertContacts([
			{ customer: customer({ name: 'Maria Silva', emails: ['maria.silva@example.com'], phones: ['+5511987654321', '+5511955550199'] }), properties: { 'custom_field:65f1d000e4b0a1001c2d0a01': 'WhatsApp' } },
		]);
		expect(result).toMatchObject({ ok: true, created: false, contact: { id: `crm:${MARIA_ID}`, phones: ['+5511987654321', '+5511955550199'] } });
		const put = api.requests.find((request) => request.method === 'PUT');
		expect(put?.path).toBe(`/api/v1/contacts/${MARIA_ID}`);
		expect(put?.json).toEqual({
			contact: {
				name: 'Maria Silva',
				phones: [{ phone: '(11) 98765-4321', type: 'cellphone' }, { phone: '+55 11 95555-0199' }],
				contact_custom_fields: [{ custom_field_id: '65f1d000e4b0a1001c2d0a01', value: 'WhatsApp' }],
			},
		});
	});

	it('answers one result per input: a refusal naming the field does not stop the others', async () => {
		const results = await adapter.upsertContacts([
			{ customer: customer({ emails: ['maria.silva@example.com'] }), properties: { 'custom_field:65f1d000e4b0a1001c2d0bad': 'x' } },
			{ customer: customer({ name: 'Pedro Lima', phones: ['+5531988887777'] }), properties: {} },
		]);
		expect(results.map((result) => result.ok)).toEqual([false, true]);
		if (results[0].ok) throw new Error('expected a refusal');
		expect(results[0].error.message).toBe(
			"RD Station CRM refused to update the contact Maria Silva: the field 'contact_custom_fields': custom field 65f1d000e4b0a1001c2d0bad does not exist. Check the field mapping.",
		);
		expect(results[0].error.details.status).toBe(422);
	});

	it('refuses a customer with nothing to write without calling RD Station', async () => {
		const [result] = await adapter.upsertContacts([{ customer: customer(), properties: {} }]);
		expect(result.ok).toBe(false);
		expect(api.requests).toEqual([]);
	});
});

describe('RD Station CRM: logging activities', () => {
	it("puts the activity on the contact's open deal, not on a won one", async () => {
		const won = objectId();
		const open = '65f1c3b0e4b0a1001c2d3f77';
		api.deals.set(won, rdCrmDeal(won, MARIA_ID, { win: true, closed_at: '2025-05-20T10:00:00.000-03:00', updated_at: '2025-05-20T10:00:00.000-03:00' }));
		api.deals.set(open, rdCrmDeal(open, MARIA_ID));
		api.contacts.get(MARIA_ID)!.deal_ids = [open, won];
		const result = await adapter.logActivity(activity(`crm:${MARIA_ID}`));
		expect(result).toEqual({ id: String(api.activities[0].id), objectType: 'activity' });
		const post = api.requests.find((request) => request.path === '/api/v1/activities');
		const expected = rdFixture<{ activity: RdRecord }>('rdstation-crm/create-activity.request.json');
		expect(Object.keys((post?.json as { activity: RdRecord }).activity)).toEqual(Object.keys(expected.activity));
		expect(post?.json).toEqual({ activity: { deal_id: open, user_id: '65f1b000e4b0a1001c2d0001', text: 'WhatsApp message from Maria Silva\nCliente pediu segunda via do boleto.' } });
	});

	it('lists the deals by contact when the contact record does not list them, and keeps only deals naming the contact', async () => {
		const contact = api.contacts.get(MARIA_ID)!;
		delete contact.deal_ids;
		const [someoneElses, theirs] = [objectId(), objectId()];
		api.deals.set(someoneElses, rdCrmDeal(someoneElses, objectId(), { updated_at: '2025-06-01T10:00:00.000-03:00' }));
		api.deals.set(theirs, rdCrmDeal(theirs, MARIA_ID));
		api.filtersIgnored = true;
		await adapter.logActivity(activity(MARIA_ID));
		expect(api.requests.find((request) => request.path === '/api/v1/deals')?.query.get('contact_id')).toBe(MARIA_ID);
		expect(api.activities.map((logged) => logged.deal_id)).toEqual([theirs]);
	});

	it('says plainly when the contact has no open deal', async () => {
		const lost = objectId();
		api.deals.set(lost, rdCrmDeal(lost, MARIA_ID, { win: false, closed_at: '2025-05-20T10:00:00.000-03:00' }));
		api.contacts.get(MARIA_ID)!.deal_ids = [lost];
		const error = (await adapter.logActivity(activity(`crm:${MARIA_ID}`)).catch((caught: unknown) => caught)) as CrmError;
		expect(error).toBeInstanceOf(CrmError);
		expect(error.message).toMatch(/^RD Station CRM logs activities on deals: Maria Silva has no open deal\./);
		expect(error.details.code).toBe('NO_OPEN_DEAL');
		expect(api.activities).toEqual([]);
	});
});

describe('RD Station CRM: erasing, properties and errors', () => {
	it('cannot erase through the API: it says what to do instead and calls no invented endpoint', async () => {
		const error = (await adapter.eraseContact(`crm:${MARIA_ID}`).catch((caught: unknown) => caught)) as CrmError;
		expect(error.message).toContain("RD Station CRM's API cannot delete contacts, so Maria Silva was not erased there. Delete the contact in RD Station CRM itself");
		expect(error.details.code).toBe('ERASE_NOT_SUPPORTED');
		expect(api.requests.map((request) => request.method)).toEqual(['GET']);
		expect(await adapter.eraseContact('crm:65f1c2a9e4b0a1001c2dffff')).toEqual({ erased: false });
	});

	it('lists the standard fields and the contact custom fields', async () => {
		api.customFields.push({ id: '65f1d000e4b0a1001c2d0a01', label: 'Canal preferido', for: 'contact', type: 'option' }, { id: '65f1d000e4b0a1001c2d0a02', label: 'Origem', for: 'deal', type: 'text' });
		const properties = await adapter.listProperties();
		expect(properties.map((property) => property.name)).toEqual(['name', 'title', 'facebook', 'linkedin', 'skype', 'organization_id', 'custom_field:65f1d000e4b0a1001c2d0a01']);
		expect(properties.at(-1)).toEqual({ name: 'custom_field:65f1d000e4b0a1001c2d0a01', label: 'Canal preferido', type: 'option', writable: true });
		expect(api.requests[0].query.get('for')).toBe('contact');
	});

	it('says the token is wrong or revoked on a 401, and never repeats it', async () => {
		const wrong = new RdStationCrmAdapter(signedClient(new AxiosHttpClient(), { token: 'revoked-token' }), { baseUrl: api.url, retry: NO_WAIT });
		const error = (await wrong.findContacts(customer({ emails: ['maria.silva@example.com'] })).catch((caught: unknown) => caught)) as CrmError;
		expect(error.message).toBe('RD Station CRM refused the API token: it is wrong or was revoked.');
		expect(error.details.hint).toContain('Token da instância');
		expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('revoked-token');
	});

	it('retries a 429 after the pause RD Station asks for', async () => {
		api.failNext(429, { errors: 'Too Many Requests' }, { headers: { 'retry-after': '0' } });
		const found = await adapter.findContacts(customer({ emails: ['maria.silva@example.com'] }));
		expect(found).toHaveLength(1);
		expect(api.requests).toHaveLength(2);
	});

	it('waits as long as Retry-After says before sending again', async () => {
		const patient = new RdStationCrmAdapter(signedClient(new AxiosHttpClient(), { token: TOKEN }), { baseUrl: api.url, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5000 } });
		api.failNext(429, { errors: 'Too Many Requests' }, { headers: { 'retry-after': '1' } });
		const started = Date.now();
		expect(await patient.findContacts(customer({ emails: ['maria.silva@example.com'] }))).toHaveLength(1);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(api.requests).toHaveLength(2);
	});

	it('gives up on a 429 that lasts, in words', async () => {
		for (let i = 0; i < 3; i++) api.failNext(429, { errors: 'Too Many Requests' }, { headers: { 'retry-after': '0' } });
		const error = (await adapter.findContacts(customer({ emails: ['maria.silva@example.com'] })).catch((caught: unknown) => caught)) as CrmError;
		expect(error.message).toBe('RD Station CRM is limiting the request rate and still refused to find contacts by e-mail after several retries.');
		expect(api.requests).toHaveLength(3);
	});
});
