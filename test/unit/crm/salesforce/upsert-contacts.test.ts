import type { CrmUpsert } from '../../../../core/crm/types';
import { adapterFor, customer, useSalesforceApi } from './salesforce-setup';

const EXTERNAL = 'Omnichannel_Id__c';
const compositeCalls = (api: ReturnType<ReturnType<typeof useSalesforceApi>>) => api.requests.filter((request) => request.path === '/services/data/v62.0/composite');

describe('Salesforce upsertContacts', () => {
	const api = useSalesforceApi();

	it('upserts 30 customers by the External ID field in 2 composite calls of 25 and 5, one result per input in order', async () => {
		const existing = api().add('Contact', { LastName: 'Kept', [EXTERNAL]: 'cus-7' });
		const inputs: CrmUpsert[] = Array.from({ length: 30 }, (_, index) => ({
			customer: customer({ id: `cus-${index}`, name: `Person Number${index}`, emails: [`p${index}@example.com`] }),
			properties: {},
		}));

		const results = await adapterFor(api(), { externalIdField: EXTERNAL }).upsertContacts(inputs);

		const calls = compositeCalls(api());
		expect(calls.map((call) => (call.json as { compositeRequest: unknown[] }).compositeRequest.length)).toEqual([25, 5]);
		expect(api().requests).toHaveLength(2);
		expect(JSON.parse(calls[0].rawBody.toString()).compositeRequest[7]).toEqual({
			method: 'PATCH',
			url: '/services/data/v62.0/sobjects/Contact/Omnichannel_Id__c/cus-7',
			referenceId: 'input7',
			body: { FirstName: 'Person', LastName: 'Number7', Email: 'p7@example.com' },
		});
		expect((calls[0].json as { allOrNone: boolean }).allOrNone).toBe(false);
		expect(results.map((result) => result.ok && result.created)).toEqual(inputs.map((_, index) => index !== 7));
		expect(results[7]).toMatchObject({ ok: true, created: false, contact: { id: existing, objectType: 'contact', name: 'Person Number7' } });
		expect(api().contacts.get(existing)).toMatchObject({ FirstName: 'Person', LastName: 'Number7', Email: 'p7@example.com' });
		expect(api().contacts.size).toBe(30);
	});

	it('answers a clear error for an External ID that two contacts share (300), and saves the others', async () => {
		api().add('Contact', { LastName: 'One', [EXTERNAL]: 'cus-dup' });
		api().add('Contact', { LastName: 'Two', [EXTERNAL]: 'cus-dup' });

		const [dup, fine] = await adapterFor(api(), { externalIdField: EXTERNAL }).upsertContacts([
			{ customer: customer({ id: 'cus-dup', name: 'Ana Lima' }), properties: {} },
			{ customer: customer({ id: 'cus-new', name: 'Bia Reis' }), properties: {} },
		]);

		expect(dup.ok).toBe(false);
		if (dup.ok) return;
		expect(dup.error.message).toBe('Salesforce has 2 contacts whose Omnichannel_Id__c is "cus-dup", so it cannot tell which one to update');
		expect(dup.error.details).toMatchObject({ status: 300, hint: expect.stringContaining('Merge those contacts') });
		expect(fine).toMatchObject({ ok: true, created: true });
	});

	it('gives a new nameless contact its e-mail as last name, but leaves the name of an existing one alone', async () => {
		const existing = api().add('Contact', { FirstName: 'Carla', LastName: 'Dias', [EXTERNAL]: 'cus-old' });

		const [created, updated] = await adapterFor(api(), { externalIdField: EXTERNAL }).upsertContacts([
			{ customer: customer({ id: 'cus-new', emails: ['new@example.com'] }), properties: {} },
			{ customer: customer({ id: 'cus-old', phones: ['+5511912345678'] }), properties: {} },
		]);

		expect(created).toMatchObject({ ok: true, created: true });
		if (!created.ok) return;
		expect(api().contacts.get(created.contact.id)).toMatchObject({ LastName: 'new@example.com', Email: 'new@example.com', [EXTERNAL]: 'cus-new' });
		expect(updated).toMatchObject({ ok: true, created: false, contact: { id: existing } });
		expect(api().contacts.get(existing)).toMatchObject({ FirstName: 'Carla', LastName: 'Dias', MobilePhone: '+5511912345678' });
		// Salesforce asked for LastName once: only the new contact went again, with its placeholder.
		const second = compositeCalls(api())[1].json as { compositeRequest: Array<{ referenceId: string; body: unknown }> };
		expect(second.compositeRequest).toEqual([expect.objectContaining({ referenceId: 'input0', body: { LastName: 'new@example.com', Email: 'new@example.com' } })]);
	});

	it('without an External ID field, searches each customer, then updates what it found and creates the rest', async () => {
		const lead = api().add('Lead', { LastName: 'maria@example.com', Company: 'Acme', Email: 'maria@example.com' });

		const [updated, created] = await adapterFor(api()).upsertContacts([
			{ customer: customer({ name: 'Maria Souza', emails: ['maria@example.com'] }), properties: {} },
			{ customer: customer({ phones: ['+5511955550199'] }), properties: { Description: 'From WhatsApp' } },
		]);

		expect(updated).toMatchObject({ ok: true, created: false, contact: { id: lead, objectType: 'lead' } });
		expect(api().leads.get(lead)).toMatchObject({ FirstName: 'Maria', LastName: 'Souza' });
		expect(created).toMatchObject({ ok: true, created: true, contact: { objectType: 'contact', phones: ['+5511955550199'] } });
		const calls = compositeCalls(api());
		expect(calls).toHaveLength(1);
		expect((calls[0].json as { compositeRequest: unknown[] }).compositeRequest).toEqual([
			{ method: 'PATCH', url: `/services/data/v62.0/sobjects/Lead/${lead}`, referenceId: 'input0', body: { FirstName: 'Maria', LastName: 'Souza' } },
			{ method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'input1', body: { LastName: '+5511955550199', MobilePhone: '+5511955550199', Description: 'From WhatsApp' } },
		]);
	});

	it('updates a known record by its id with the mapped properties only, and skips one with nothing to change', async () => {
		const contact = api().add('Contact', { FirstName: 'Carla', LastName: 'Dias' });
		const lead = api().add('Lead', { LastName: 'Lead', Company: 'Acme' });

		const [byContact, byLead] = await adapterFor(api(), { externalIdField: EXTERNAL }).upsertContacts([
			{ customer: customer({ id: 'cus-9', crmId: contact, name: 'Carlinha' }), properties: { Title: 'Buyer' } },
			{ customer: customer({ crmId: lead, name: 'Someone' }), properties: {} },
		]);

		expect((compositeCalls(api())[0].json as { compositeRequest: unknown[] }).compositeRequest).toEqual([
			{ method: 'PATCH', url: `/services/data/v62.0/sobjects/Contact/${contact}`, referenceId: 'input0', body: { [EXTERNAL]: 'cus-9', Title: 'Buyer' } },
		]);
		expect(api().contacts.get(contact)).toMatchObject({ FirstName: 'Carla', LastName: 'Dias', Title: 'Buyer', [EXTERNAL]: 'cus-9' });
		expect(byContact).toMatchObject({ ok: true, created: false, contact: { id: contact } });
		expect(byLead).toMatchObject({ ok: true, created: false, contact: { id: lead, objectType: 'lead' } });
	});

	it('names the field a mapping got wrong, for that input only', async () => {
		const [wrong, right] = await adapterFor(api(), { externalIdField: EXTERNAL }).upsertContacts([
			{ customer: customer({ id: 'cus-1', name: 'Ana Lima' }), properties: { Lifecycle__c: 'lead' } },
			{ customer: customer({ id: 'cus-2', name: 'Bia Reis' }), properties: {} },
		]);

		expect(wrong.ok ? undefined : wrong.error.message).toBe("Salesforce refused the contact: the field 'Lifecycle__c' does not exist or is hidden from this user");
		expect(wrong.ok ? undefined : wrong.error.details.code).toBe('INVALID_FIELD');
		expect(right.ok).toBe(true);
	});

	it('answers the daily limit for every input of a composite call Salesforce refused as a whole', async () => {
		api().failNext(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);

		const results = await adapterFor(api(), { externalIdField: EXTERNAL }).upsertContacts([
			{ customer: customer({ id: 'cus-1', name: 'Ana Lima' }), properties: {} },
			{ customer: customer({ id: 'cus-2', name: 'Bia Reis' }), properties: {} },
		]);

		expect(results.map((result) => (result.ok ? 'ok' : result.error.details.code))).toEqual(['REQUEST_LIMIT_EXCEEDED', 'REQUEST_LIMIT_EXCEEDED']);
		expect(api().requests).toHaveLength(1);
	});

	it('past the daily limit sends no further composite call: the next 25 inputs share the refusal', async () => {
		api().failNext(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], { 'Sforce-Limit-Info': 'api-usage=15000/15000' });
		const inputs: CrmUpsert[] = Array.from({ length: 30 }, (_, index) => ({ customer: customer({ id: `cus-${index}`, name: `Person Number${index}` }), properties: {} }));

		const results = await adapterFor(api(), { externalIdField: EXTERNAL }).upsertContacts(inputs);

		expect(compositeCalls(api())).toHaveLength(1);
		expect(results.every((result) => !result.ok && result.error.message.includes('(15,000 of 15,000 requests in the last 24 hours'))).toBe(true);
	});

	it('past the daily limit searches for no further customer', async () => {
		api().failNext(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
		const inputs = ['ana', 'bia', 'caio'].map((name) => ({ customer: customer({ name, emails: [`${name}@example.com`] }), properties: {} }));

		const results = await adapterFor(api()).upsertContacts(inputs);

		expect(api().requests).toHaveLength(1);
		expect(results.map((result) => (result.ok ? 'ok' : result.error.details.code))).toEqual(['REQUEST_LIMIT_EXCEEDED', 'REQUEST_LIMIT_EXCEEDED', 'REQUEST_LIMIT_EXCEEDED']);
	});
});
