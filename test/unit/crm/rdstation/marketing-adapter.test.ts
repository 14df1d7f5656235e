import { RdStationMarketingAdapter, type RdStationMarketingConfig } from '../../../../core/crm/rdstation';
import { CrmError, type CrmActivity } from '../../../../core/crm/types';
import { AxiosHttpClient } from '../../../support/axios-http-client';
import { signedClient, startFakeRdStationMarketing, type FakeRdStationMarketing, type RdRecord } from '../../../support/rdstation-api';
import { NO_WAIT, customer, rdFixture } from './fixtures';

const ACCESS_TOKEN = 'rdsm-access-token-fake';
const MARIA = rdFixture('rdstation-marketing/get-contact-by-email.response.json');
const MARIA_UUID = String(MARIA.uuid);

let api: FakeRdStationMarketing;

const marketing = (config: RdStationMarketingConfig = {}, token = ACCESS_TOKEN) =>
	new RdStationMarketingAdapter(signedClient(new AxiosHttpClient(), { bearer: token }), { baseUrl: api.url, retry: NO_WAIT, ...config });

beforeEach(async () => {
	api = await startFakeRdStationMarketing(ACCESS_TOKEN);
	api.contacts.set(MARIA_UUID, structuredClone(MARIA));
});

afterEach(async () => {
	expect(api.violations).toEqual([]);
	await api.close();
});

const activity: CrmActivity = {
	contactId: `marketing:${MARIA_UUID}`, key: 'conv-1:evt-9', kind: 'conversation', channel: 'whatsapp',
	timestamp: '2025-06-02T12:30:00Z', subject: 'WhatsApp conversation with Maria Silva', body: 'Maria: Oi\nAna: Olá, Maria!',
};

describe('RD Station Marketing: finding contacts', () => {
	it('finds a contact by e-mail with the Bearer token, and reads both phones as E.164', async () => {
		const [contact] = await marketing().findContacts(customer({ emails: ['maria.silva@example.com'] }));
		expect(contact).toMatchObject({ crm: 'rdstation', id: `marketing:${MARIA_UUID}`, objectType: 'contact', name: 'Maria Silva', emails: ['maria.silva@example.com'], phones: ['+5511987654321', '+551134567890'] });
		expect(contact.properties.cf_ultimo_atendimento).toBe('2025-06-02');
		expect(api.requests[0].path).toBe('/platform/contacts/email:maria.silva@example.com');
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
	});

	it('answers none for an e-mail RD Station does not know (404), and finds by phone', async () => {
		expect(await marketing().findContacts(customer({ emails: ['ninguem@example.com'] }))).toEqual([]);
		const [byPhone] = await marketing().findContacts(customer({ phones: ['+5511987654321'] }));
		expect(byPhone.id).toBe(`marketing:${MARIA_UUID}`);
		expect(api.requests.map((request) => request.path)).toEqual(['/platform/contacts/email:ninguem@example.com', '/platform/contacts/phone:%2B5511987654321']);
	});

	it('reads the contact by uuid when the customer has one; a deleted one is not found', async () => {
		expect((await marketing().findContacts(customer({ crmId: `marketing:${MARIA_UUID}`, emails: ['other@example.com'] })))[0].name).toBe('Maria Silva');
		expect(await marketing().findContacts(customer({ crmId: 'marketing:00000000-0000-4000-8000-000000000000' }))).toEqual([]);
		expect(api.requests.map((request) => request.path)).toEqual([`/platform/contacts/${MARIA_UUID}`, '/platform/contacts/00000000-0000-4000-8000-000000000000']);
	});
});

describe('RD Station Marketing: upserting contacts', () => {
	it('creates a contact with PATCH by e-mail, the e-mail only in the URL', async () => {
		const [result] = await marketing().upsertContacts([{ customer: customer({ name: 'João Souza', emails: ['joao@example.com'], phones: ['+5521998887777'] }), properties: { city: 'Rio de Janeiro' } }]);
		expect(result).toMatchObject({ ok: true, created: true, contact: { name: 'João Souza', emails: ['joao@example.com'], phones: ['+5521998887777'] } });
		const patch = api.requests.find((request) => request.method === 'PATCH');
		expect(patch?.path).toBe('/platform/contacts/email:joao@example.com');
		expect(patch?.rawBody.toString()).toBe(JSON.stringify({ name: 'João Souza', mobile_phone: '+5521998887777', city: 'Rio de Janeiro' }));
	});

	it('updates the contact that is there without overwriting the mobile phone it holds', async () => {
		const [result] = await marketing().upsertContacts([{ customer: customer({ name: 'Maria S. Silva', emails: ['maria.silva@example.com'], phones: ['+5511955550199'] }), properties: { cf_ultimo_atendimento: '2025-06-10' } }]);
		expect(result).toMatchObject({ ok: true, created: false, contact: { id: `marketing:${MARIA_UUID}`, name: 'Maria S. Silva' } });
		expect(api.requests.find((request) => request.method === 'PATCH')?.json).toEqual({ name: 'Maria S. Silva', cf_ultimo_atendimento: '2025-06-10' });
		expect(api.contacts.get(MARIA_UUID)?.mobile_phone).toBe('+55 11 98765-4321');
	});

	it('refuses, per input, a customer without e-mail, and names a field RD Station does not have', async () => {
		const results = await marketing().upsertContacts([
			{ customer: customer({ name: 'Pedro Lima', phones: ['+5531988887777'] }), properties: {} },
			{ customer: customer({ emails: ['maria.silva@example.com'] }), properties: { cf_nao_existe: 'x' } },
			{ customer: customer({ emails: ['ana@example.com'] }), properties: {} },
		]);
		expect(results.map((result) => result.ok)).toEqual([false, false, true]);
		const messages = results.map((result) => (result.ok ? undefined : result.error.message));
		expect(messages[0]).toBe('RD Station Marketing keys contacts by e-mail, and Pedro Lima has none: the contact was not created or updated. Add an e-mail to the customer, or use RD Station CRM.');
		expect(messages[1]).toBe("RD Station Marketing refused to save the contact maria.silva@example.com: the field 'cf_nao_existe': Field does not exist. Check the field mapping.");
	});
});

describe('RD Station Marketing: conversions, erasure, fields and errors', () => {
	it('logs an activity as a conversion event of the channel, the text in the chosen custom field', async () => {
		const result = await marketing({ activityTextField: 'cf_ultimo_atendimento' }).logActivity(activity);
		expect(result.objectType).toBe('conversion');
		expect(result.id).toMatch(/^[0-9a-f-]{36}$/);
		const documented = rdFixture<{ payload: RdRecord }>('rdstation-marketing/create-conversion-event.request.json');
		const post = api.requests.find((request) => request.path === '/platform/events');
		expect(post?.json).toEqual({
			event_type: 'CONVERSION',
			event_family: 'CDP',
			payload: { conversion_identifier: 'omnichannel-whatsapp', email: 'maria.silva@example.com', name: 'Maria Silva', cf_ultimo_atendimento: 'WhatsApp conversation with Maria Silva\nMaria: Oi\nAna: Olá, Maria!' },
		});
		for (const field of Object.keys((post?.json as { payload: RdRecord }).payload)) expect(Object.keys(documented.payload)).toContain(field);
	});

	it('logs without text when no custom field is chosen, and refuses a field that is not a cf_', async () => {
		await marketing().logActivity(activity);
		expect((api.events[0].payload as RdRecord).cf_ultimo_atendimento).toBeUndefined();
		expect(() => marketing({ activityTextField: 'notes' })).toThrow('"notes" is not an RD Station Marketing custom field');
	});

	it('erases by uuid, and a contact already gone answers erased: false', async () => {
		expect(await marketing().eraseContact(`marketing:${MARIA_UUID}`)).toEqual({ erased: true });
		expect(api.contacts.size).toBe(0);
		expect(await marketing().eraseContact(`marketing:${MARIA_UUID}`)).toEqual({ erased: false });
		expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`DELETE /platform/contacts/${MARIA_UUID}`, `DELETE /platform/contacts/${MARIA_UUID}`]);
	});

	it('lists the account fields by API identifier, the e-mail not writable', async () => {
		const properties = await marketing().listProperties();
		expect(properties).toEqual([
			{ name: 'name', label: 'Nome', type: 'string', writable: true },
			{ name: 'email', label: 'Email', type: 'string', writable: false },
			{ name: 'cf_ultimo_atendimento', label: 'Último atendimento', type: 'string', writable: true },
		]);
	});

	it('says the connection was revoked or expired on a 401', async () => {
		const error = (await marketing({}, 'expired').findContacts(customer({ emails: ['maria.silva@example.com'] })).catch((caught: unknown) => caught)) as CrmError;
		expect(error).toBeInstanceOf(CrmError);
		expect(error.message).toBe('RD Station Marketing refused the connection: its access was revoked or has expired.');
		expect(error.details).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
		expect(error.details.hint).toContain('Reconnect');
	});

	it('retries a 429, then names the payload field of a refused event', async () => {
		const events = { path: '/platform/events' };
		api.failNext(429, { errors: { error_type: 'TOO_MANY_REQUESTS', error_message: 'Too many requests.' } }, { ...events, headers: { 'retry-after': '0' } });
		api.failNext(400, { errors: [{ error_type: 'CANNOT_BE_NULL', error_message: 'Cannot be null.', path: 'body.payload.email' }] }, events);
		const error = (await marketing().logActivity(activity).catch((caught: unknown) => caught)) as CrmError;
		expect(error.message).toBe("RD Station Marketing refused to record the conversion of Maria Silva: the field 'email': Cannot be null. Check the field mapping.");
		expect(error.details).toMatchObject({ status: 400, code: 'CANNOT_BE_NULL' });
		expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /platform/contacts/${MARIA_UUID}`, 'POST /platform/events', 'POST /platform/events']);
	});

	it('refuses a CRM id in words', async () => {
		await expect(marketing().eraseContact('crm:65f1c2a9e4b0a1001c2d3e4f')).rejects.toThrow('is an RD Station CRM contact, but this step works on RD Station Marketing');
		expect(api.requests).toEqual([]);
	});
});
