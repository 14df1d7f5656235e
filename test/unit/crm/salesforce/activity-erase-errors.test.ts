import { CrmError, type CrmActivity } from '../../../../core/crm/types';
import { AxiosHttpClient } from '../../../support/axios-http-client';
import { adapterFor, customer, salesforceFixture, useSalesforceApi } from './salesforce-setup';

const activity = (fields: Partial<CrmActivity>): CrmActivity => ({
	contactId: '',
	key: 'evt-1',
	kind: 'conversation',
	channel: 'whatsapp',
	timestamp: '2025-06-02T22:30:00-03:00',
	subject: 'WhatsApp: segunda via do boleto',
	body: 'Cliente: Oi, preciso da segunda via do boleto.\nAgente: Claro! Segue o link.',
	...fields,
});

describe('Salesforce logActivity', () => {
	const api = useSalesforceApi();

	it('logs a conversation as a completed Task on the contact, dated the day it happened where it happened', async () => {
		const contact = api().add('Contact', { LastName: 'Silva' });

		const result = await adapterFor(api()).logActivity(activity({ contactId: contact }));

		// The documented request, less Type: its picklist values differ from org to org.
		const { Type: _type, ...documented } = salesforceFixture<Record<string, string>>('create-task.request.json');
		const expected = { ...documented, WhoId: contact };
		const [post] = api().requests;
		expect([post.method, post.path]).toEqual(['POST', '/services/data/v62.0/sobjects/Task']);
		expect(JSON.parse(post.rawBody.toString())).toEqual(expected);
		expect(result).toEqual({ id: api().tasks[0].Id, objectType: 'task' });
	});

	it.each([
		['email', 'Email'],
		['voice', 'Call'],
		['sms', 'Task'],
	] as const)('marks a %s activity as TaskSubtype %s', async (channel, subtype) => {
		const lead = api().add('Lead', { LastName: 'Lead', Company: 'Acme' });
		await adapterFor(api()).logActivity(activity({ contactId: lead, channel, kind: 'message', direction: 'inbound' }));
		expect(api().tasks[0]).toMatchObject({ WhoId: lead, TaskSubtype: subtype });
	});
});

describe('Salesforce eraseContact and listProperties', () => {
	const api = useSalesforceApi();

	it('erases a contact once; a contact already gone answers erased: false', async () => {
		const contact = api().add('Contact', { LastName: 'Silva' });
		const adapter = adapterFor(api());

		expect(await adapter.eraseContact(contact)).toEqual({ erased: true });
		expect(await adapter.eraseContact(contact)).toEqual({ erased: false });
		expect(await adapter.eraseContact('003Dn9999999999AAA')).toEqual({ erased: false });
		expect(api().requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`DELETE /services/data/v62.0/sobjects/Contact/${contact}`,
			`DELETE /services/data/v62.0/sobjects/Contact/${contact}`,
			'DELETE /services/data/v62.0/sobjects/Contact/003Dn9999999999AAA',
		]);
		expect(api().contacts.has(contact)).toBe(false);
	});

	it('lists the Contact fields, writable where Salesforce says updateable', async () => {
		const properties = await adapterFor(api()).listProperties();
		expect(properties).toContainEqual({ name: 'Email', label: 'Email', type: 'email', writable: true });
		expect(properties).toContainEqual({ name: 'Name', label: 'Name', type: 'string', writable: false });
		expect(api().requests[0].path).toBe('/services/data/v62.0/sobjects/Contact/describe');
	});
});

describe('Salesforce errors', () => {
	const api = useSalesforceApi();
	const findByEmail = () => adapterFor(api()).findContacts(customer({ emails: ['maria.silva@example.com'] }));

	it('tells to reconnect the credential when the session expired', async () => {
		const adapter = adapterFor(api(), { http: new AxiosHttpClient() });
		const error = await adapter.listProperties().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(CrmError);
		expect(error).toMatchObject({ message: 'Salesforce refused the session: it has expired or was revoked', details: { status: 401, code: 'INVALID_SESSION_ID', hint: expect.stringContaining('Reconnect the Salesforce credential') } });
	});

	it('tells the daily API limit apart from a passing one', async () => {
		api().failNext(403, salesforceFixture('error-request-limit.response.json'));
		await expect(findByEmail()).rejects.toMatchObject({
			message: 'Salesforce refused the request: the org has used up its daily API request limit. Nothing was retried: every request is refused until the usage falls',
			details: { status: 403, code: 'REQUEST_LIMIT_EXCEEDED', hint: expect.stringContaining('Try again tomorrow'), body: salesforceFixture('error-request-limit.response.json') },
		});
		expect(api().requests).toHaveLength(1);
	});

	it('quotes the usage Salesforce reports in Sforce-Limit-Info when the daily limit is used up, without retrying', async () => {
		api().failNext(403, salesforceFixture('error-request-limit.response.json'), { 'Sforce-Limit-Info': 'api-usage=25000/25000' });
		await expect(findByEmail()).rejects.toMatchObject({
			message:
				'Salesforce refused the request: the org has used up its daily API request limit (25,000 of 25,000 requests in the last 24 hours, Sforce-Limit-Info: api-usage=25000/25000). Nothing was retried: every request is refused until the usage falls',
			details: { status: 403, code: 'REQUEST_LIMIT_EXCEEDED', hint: expect.stringContaining('last 24 hours') },
		});
		expect(api().requests).toHaveLength(1);
	});

	it('names the field of an INVALID_FIELD answer', async () => {
		api().failNext(400, salesforceFixture('error-invalid-field.response.json'));
		await expect(findByEmail()).rejects.toThrow("Salesforce refused the contact search by e-mail: the field 'Emial' does not exist or is hidden from this user");
	});

	it('says a duplicate rule blocked the write', async () => {
		const contact = api().add('Contact', { LastName: 'X' });
		const refused = { referenceId: 'input0', httpStatusCode: 400, httpHeaders: {}, body: [{ message: 'Use one of these records?', errorCode: 'DUPLICATES_DETECTED', fields: [] }] };
		api().failNext(200, { compositeResponse: [refused] });
		const [result] = await adapterFor(api()).upsertContacts([{ customer: customer({ crmId: contact }), properties: { Title: 'Buyer' } }]);
		expect(result.ok ? undefined : result.error.message).toBe('Salesforce refused the contact: a duplicate rule blocked it (Use one of these records?)');
	});

	it('sends again after a 503 and after a concurrent-request limit, then answers', async () => {
		api().add('Contact', { LastName: 'Silva', Email: 'maria.silva@example.com' });
		api().failNext(503, [{ message: 'Server unavailable', errorCode: 'SERVER_UNAVAILABLE' }]);
		api().failNext(403, [{ message: 'ConcurrentPerOrgLongTxn Limit exceeded', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
		const found = await adapterFor(api()).findContacts(customer({ emails: ['maria.silva@example.com'] }));
		expect(found).toHaveLength(1);
		expect(api().requests).toHaveLength(4);
	});
});
