/** Finding and writing persons in Pipedrive, as the stand-in receives and keeps them. */
import { PipedriveAdapter } from '../../../../core/crm/pipedrive';
import type { CrmCustomer } from '../../../../core/crm/types';
import { CUSTOMER_SINCE_KEY, startFakePipedriveApi, type FakePipedriveApi } from '../../../support/pipedrive-api';
import { apiTokenClient } from './token-client';

const TOKEN = 'pd-test-token-0001';
const customer = (overrides: Partial<CrmCustomer> = {}): CrmCustomer => ({ emails: [], phones: [], traits: {}, ...overrides });

describe('Pipedrive adapter: find and upsert persons', () => {
	let api: FakePipedriveApi;
	let adapter: PipedriveAdapter;

	beforeEach(async () => {
		api = await startFakePipedriveApi(TOKEN);
		adapter = new PipedriveAdapter({ http: apiTokenClient(TOKEN), baseUrl: api.url, companyDomain: 'padaria-pao-quente' });
	});
	afterEach(async () => {
		expect(api.violations).toEqual([]);
		await api.close();
	});

	const searches = () => api.requests.filter((request) => request.path === '/api/v2/persons/search').map((request) => `${request.query.get('fields')}:${request.query.get('term')}`);

	it('finds a person whose phone was typed in the national format, and reads it back as E.164', async () => {
		const maria = api.addPerson({ name: 'Maria Silva', phones: [{ value: '(11) 98765-4321', primary: true, label: 'mobile' }] });

		const found = await adapter.findContacts(customer({ phones: ['+5511987654321'] }));

		expect(found).toEqual([
			expect.objectContaining({ crm: 'pipedrive', id: String(maria.id), objectType: 'person', name: 'Maria Silva', phones: ['+5511987654321'], url: `https://padaria-pao-quente.pipedrive.com/person/${maria.id}` }),
		]);
		expect(searches()).toEqual(['phone:+5511987654321', 'phone:+55 11 98765 4321', 'phone:(11) 98765-4321', 'phone:5511987654321', 'phone:11987654321']);
		expect(api.requests.every((request) => request.query.get('exact_match') === 'true' && request.query.get('api_token') === TOKEN)).toBe(true);
	});

	it('lists each person once, the one matching the e-mail and the phone before one matching the phone only', async () => {
		const shop = api.addPerson({ name: 'Padaria (balcão)', phones: [{ value: '+5511987654321', primary: true, label: 'work' }] });
		const maria = api.addPerson({
			name: 'Maria Silva',
			emails: [{ value: 'Maria.Silva@example.com', primary: true, label: 'work' }],
			phones: [{ value: '11987654321', primary: true, label: 'mobile' }],
		});

		const found = await adapter.findContacts(customer({ emails: ['maria.silva@example.com'], phones: ['+5511987654321'] }));

		expect(found.map((contact) => contact.id)).toEqual([String(maria.id), String(shop.id)]);
		expect(found[0].emails).toEqual(['maria.silva@example.com']);
		expect(searches()[0]).toBe('email:maria.silva@example.com');
	});

	it('goes straight to the person by id, and a deleted person is not found rather than an error', async () => {
		const maria = api.addPerson({ name: 'Maria Silva' });
		expect((await adapter.findContacts(customer({ crmId: String(maria.id), emails: ['x@example.com'] }))).map((contact) => contact.id)).toEqual([String(maria.id)]);
		expect(searches()).toEqual([]);

		maria.is_deleted = true;
		expect(await adapter.findContacts(customer({ crmId: String(maria.id) }))).toEqual([]);
		api.failNext(200, { success: true, data: { id: 77, name: 'Old', is_deleted: true } });
		expect(await adapter.findContacts(customer({ crmId: '77' }))).toEqual([]);
	});

	it('searches nothing for a customer without e-mail or phone', async () => {
		expect(await adapter.findContacts(customer({ emails: ['  '] }))).toEqual([]);
		expect(api.requests).toHaveLength(0);
	});

	it('adds a second e-mail to the person without dropping the first one', async () => {
		const maria = api.addPerson({ name: 'Maria Silva', emails: [{ value: 'maria.silva@example.com', primary: true, label: 'home' }] });

		const [result] = await adapter.upsertContacts([{ customer: customer({ name: 'Maria Silva', emails: ['maria.silva@example.com', 'maria@padaria.example'] }), properties: {} }]);

		expect(result).toEqual({ ok: true, created: false, contact: expect.objectContaining({ id: String(maria.id), emails: ['maria.silva@example.com', 'maria@padaria.example'] }) });
		const patch = api.requests.find((request) => request.method === 'PATCH');
		expect(patch?.path).toBe(`/api/v2/persons/${maria.id}`);
		expect(patch?.rawBody.toString()).toBe(
			JSON.stringify({ emails: [{ value: 'maria.silva@example.com', primary: true, label: 'home' }, { value: 'maria@padaria.example', primary: false, label: 'work' }] }),
		);
		expect(api.persons.get(maria.id)?.emails.map((email) => email.value)).toEqual(['maria.silva@example.com', 'maria@padaria.example']);
	});

	it('keeps a phone Pipedrive holds in another spelling instead of adding it twice, and changes nothing when nothing is new', async () => {
		const maria = api.addPerson({ name: 'Maria Silva', phones: [{ value: '(11) 98765-4321', primary: true, label: 'mobile' }] });

		const [result] = await adapter.upsertContacts([{ customer: customer({ name: 'Maria Silva', phones: ['+5511987654321'] }), properties: {} }]);

		expect(result).toMatchObject({ ok: true, created: false, contact: { id: String(maria.id) } });
		expect(api.requests.filter((request) => request.method !== 'GET')).toEqual([]);
	});

	it('creates a person named after the e-mail when the customer has no name, with custom fields under custom_fields', async () => {
		const [result] = await adapter.upsertContacts([
			{ customer: customer({ emails: ['joao@example.com'], phones: ['+5521998887766'] }), properties: { [CUSTOMER_SINCE_KEY]: '2025-06-02', owner_id: 13540546 } },
		]);

		expect(result).toMatchObject({ ok: true, created: true, contact: { name: 'joao@example.com', emails: ['joao@example.com'], phones: ['+5521998887766'] } });
		const create = api.requests.find((request) => request.method === 'POST');
		expect(create?.path).toBe('/api/v2/persons');
		expect(create?.json).toEqual({
			owner_id: 13540546,
			name: 'joao@example.com',
			emails: [{ value: 'joao@example.com', primary: true, label: 'work' }],
			phones: [{ value: '+5521998887766', primary: true, label: 'mobile' }],
			custom_fields: { [CUSTOMER_SINCE_KEY]: '2025-06-02' },
		});
	});

	it('updates the person the crm id names, even when another person holds the same e-mail', async () => {
		api.addPerson({ name: 'Duplicate', emails: [{ value: 'ana@example.com', primary: true, label: 'work' }] });
		const ana = api.addPerson({ name: 'Ana', emails: [{ value: 'ana@example.com', primary: true, label: 'work' }] });

		const [result] = await adapter.upsertContacts([{ customer: customer({ crmId: String(ana.id), name: 'Ana Souza', emails: ['ana@example.com'] }), properties: {} }]);

		expect(result).toMatchObject({ ok: true, created: false, contact: { id: String(ana.id), name: 'Ana Souza' } });
		expect(searches()).toEqual([]);
	});

	it('answers one result per input, in order: a refused custom field fails that input alone and names the field', async () => {
		const results = await adapter.upsertContacts([
			{ customer: customer({ name: 'Ana', emails: ['ana@example.com'] }), properties: { cf_unknown_0000000000000000000000000000000: 'x' } },
			{ customer: customer({ name: 'Bia', emails: ['bia@example.com'] }), properties: {} },
			{ customer: customer(), properties: {} },
		]);

		expect(results.map((result) => result.ok)).toEqual([false, true, false]);
		const [refused, , nameless] = results;
		if (refused.ok || nameless.ok) throw new Error('expected two failures');
		expect(refused.error.message).toBe(
			"Pipedrive refused to create the person \"Ana\": Validation failed: custom_fields: Unknown custom field key 'cf_unknown_0000000000000000000000000000000'. The field 'cf_unknown_0000000000000000000000000000000' is the one Pipedrive did not accept: check the field mapping.",
		);
		expect(refused.error.details.status).toBe(400);
		expect(nameless.error.message).toMatch(/needs a name to create a person.*no name, e-mail or phone/);
		expect([...api.persons.values()].map((person) => person.name)).toEqual(['Bia']);
	});
});
