/** What lands on a Pipedrive person's timeline, erasure, the field list, and Pipedrive's refusals in plain words. */
import { PipedriveAdapter } from '../../../../core/crm/pipedrive';
import { CrmError, type CrmActivity } from '../../../../core/crm/types';
import { AxiosHttpClient } from '../../../support/axios-http-client';
import { CUSTOMER_SINCE_KEY, pipedriveFixture, startFakePipedriveApi, type FakePipedriveApi } from '../../../support/pipedrive-api';
import { apiTokenClient } from './token-client';

const TOKEN = 'pd-test-token-0002';

const activity = (overrides: Partial<CrmActivity>): CrmActivity => ({
	contactId: '1042',
	key: 'evt_1',
	kind: 'message',
	channel: 'whatsapp',
	direction: 'inbound',
	timestamp: '2025-06-02T12:30:00.000Z',
	subject: 'WhatsApp: segunda via do boleto',
	body: 'Cliente pediu segunda via do boleto.',
	...overrides,
});

describe('Pipedrive adapter: timeline, erasure, fields and errors', () => {
	let api: FakePipedriveApi;
	let adapter: PipedriveAdapter;
	let personId: string;

	beforeEach(async () => {
		api = await startFakePipedriveApi(TOKEN);
		adapter = new PipedriveAdapter({ http: apiTokenClient(TOKEN), baseUrl: `${api.url}/` });
		personId = String(api.addPerson({ name: 'Maria Silva' }).id);
	});
	afterEach(async () => {
		expect(api.violations).toEqual([]);
		await api.close();
	});

	it("puts a conversation's transcript in a note, its markup escaped and one line per message", async () => {
		const result = await adapter.logActivity(
			activity({ contactId: personId, kind: 'conversation', subject: 'WhatsApp conversation with Maria <Silva>', body: 'Maria: <script>alert(1)</script> & "oi"\nAgent: Olá, Maria!' }),
		);

		expect(result).toEqual({ id: '5531', objectType: 'note' });
		const [note] = api.requests.filter((request) => request.path === '/v1/notes');
		expect(note.method).toBe('POST');
		expect(note.rawBody.toString()).toBe(
			JSON.stringify({
				content: '<b>WhatsApp conversation with Maria &lt;Silva&gt;</b><br>Maria: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;oi&quot;<br>Agent: Olá, Maria!',
				person_id: Number(personId),
				add_time: '2025-06-02 12:30:00',
			}),
		);
		expect(Object.keys(note.json as object).every((key) => key in pipedriveFixture('create-note.request.json'))).toBe(true);
	});

	it('logs a message as a done activity of the person, a task for chat channels and a call for voice', async () => {
		expect(await adapter.logActivity(activity({ contactId: personId }))).toEqual({ id: '8812', objectType: 'activity' });
		await adapter.logActivity(activity({ contactId: personId, channel: 'voice', subject: 'Call from Maria', body: 'Missed call' }));
		await adapter.logActivity(activity({ contactId: personId, channel: 'email', subject: 'Boleto', body: 'Segue o boleto' }));

		const bodies = api.requests.filter((request) => request.path === '/api/v2/activities').map((request) => request.json as Record<string, unknown>);
		expect(bodies[0]).toEqual({
			subject: 'WhatsApp: segunda via do boleto',
			type: 'task',
			person_id: Number(personId),
			participants: [{ person_id: Number(personId), primary: true }],
			done: true,
			due_date: '2025-06-02',
			due_time: '12:30',
			note: 'Cliente pediu segunda via do boleto.',
		});
		expect(Object.keys(bodies[0]).sort()).toEqual(Object.keys(pipedriveFixture('create-activity.request.json')).sort());
		expect(bodies.map((body) => body.type)).toEqual(['task', 'call', 'email']);
	});

	it('erases a person, and answers erased: false for a person already gone', async () => {
		expect(await adapter.eraseContact(personId)).toEqual({ erased: true });
		expect(await adapter.eraseContact(personId)).toEqual({ erased: false });
		expect(await adapter.eraseContact('999999')).toEqual({ erased: false });
		expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`DELETE /api/v2/persons/${personId}`,
			`DELETE /api/v2/persons/${personId}`,
			'DELETE /api/v2/persons/999999',
		]);
		await expect(adapter.eraseContact('maria@example.com')).rejects.toThrow('"maria@example.com" is not a Pipedrive person id');
	});

	it('lists every person field over several pages, calculated ones not writable', async () => {
		api.fieldsPageSize = 3;
		const properties = await adapter.listProperties();

		expect(properties.map((property) => property.name)).toEqual(['name', 'email', 'phone', 'org_id', 'open_deals_count', 'add_time', CUSTOMER_SINCE_KEY]);
		expect(properties.find((property) => property.name === CUSTOMER_SINCE_KEY)).toEqual({ name: CUSTOMER_SINCE_KEY, label: 'Customer since', type: 'date', writable: true });
		expect(properties.filter((property) => !property.writable).map((property) => property.name)).toEqual(['open_deals_count', 'add_time']);
		expect(api.requests.map((request) => request.query.get('start'))).toEqual(['0', '3', '6']);
	});

	it('waits as long as x-ratelimit-reset says when rate limited, then succeeds', async () => {
		api.failNext(429, { success: false, error: 'Rate limit exceeded', error_info: 'Please check developers.pipedrive.com', data: null, additional_data: null }, { 'x-ratelimit-reset': '1' });
		const started = Date.now();

		expect(await adapter.eraseContact(personId)).toEqual({ erased: true });

		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(api.requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
	});

	it('does not create twice when Pipedrive fails after a create: a server error is reported, not retried', async () => {
		api.failNext(503, { success: false, error: 'Service unavailable' });
		await expect(adapter.logActivity(activity({ contactId: personId, kind: 'conversation' }))).rejects.toThrow(
			"Pipedrive failed to add a note to the person 1042 (HTTP 503: Service unavailable). This is on Pipedrive's side: try again in a few minutes.",
		);
		expect(api.requests).toHaveLength(1);
	});

	it('says to check the API token or reconnect OAuth when Pipedrive does not accept the credential', async () => {
		const wrongToken = new PipedriveAdapter({ http: apiTokenClient('revoked-token'), baseUrl: api.url });
		const error = await wrongToken.listProperties().catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(CrmError);
		expect((error as CrmError).message).toBe(
			'Pipedrive did not accept the credential while trying to list the person fields (Unauthorized access). Check the Pipedrive API token in the credential, or reconnect the Pipedrive OAuth2 credential.',
		);
		expect((error as CrmError).details).toMatchObject({ status: 401, body: pipedriveFixture('error-fail.response.json') });
		expect(JSON.stringify((error as CrmError).details)).not.toContain('revoked-token');
	});

	it("keeps Pipedrive's own code, when its answer has one, as the error code", async () => {
		api.failNext(403, { success: false, error: "Couldn't add the deal. Open deals limit reached.", error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.', data: null, additional_data: null, code: 'feature_capping_deals_limit' });
		const error = (await adapter.eraseContact(personId).catch((caught: unknown) => caught)) as CrmError;
		expect(error.details).toMatchObject({ status: 403, code: 'feature_capping_deals_limit' });
	});

	it('explains a missing permission, a rate limit that does not end, and an unreachable Pipedrive', async () => {
		api.failNext(403, { success: false, error: 'You do not have permission to delete persons', error_info: 'Please check developers.pipedrive.com', data: null });
		await expect(adapter.eraseContact(personId)).rejects.toThrow(
			'Pipedrive refused to delete the person 1042: the Pipedrive user of this credential lacks the permission (You do not have permission to delete persons). Ask a Pipedrive admin to grant it, or connect as a user who has it.',
		);

		const impatient = new PipedriveAdapter({ http: apiTokenClient(TOKEN), baseUrl: api.url, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } });
		api.failNext(429, { success: false, error: 'Rate limit exceeded' }, { 'retry-after': '0' });
		api.failNext(429, { success: false, error: 'Rate limit exceeded' }, { 'retry-after': '0' });
		await expect(impatient.findContacts({ crmId: personId, emails: [], phones: [], traits: {} })).rejects.toThrow(
			'Pipedrive is limiting how many requests this account makes and still was after 1 retry, while trying to find the person 1042. Try again in a minute, or run fewer items at once.',
		);

		const nowhere = new PipedriveAdapter({ http: new AxiosHttpClient(), baseUrl: 'http://127.0.0.1:9', retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
		await expect(nowhere.listProperties()).rejects.toThrow(/^Pipedrive could not be reached at http:\/\/127\.0\.0\.1:9 to list the person fields \(.+\)\. Check the network/);
	});
});
