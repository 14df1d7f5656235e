import { adapterFor, customer, queriesSent, salesforceFixture, useSalesforceApi } from './salesforce-setup';

interface QueryRecord {
	Id: string;
	FirstName: string;
	LastName: string;
	Email: string;
	Phone: string;
	MobilePhone: string;
}

describe('Salesforce findContacts', () => {
	const api = useSalesforceApi();

	it('finds a contact by e-mail and answers it as a CrmContact with its Lightning link', async () => {
		const [maria] = salesforceFixture<{ records: QueryRecord[] }>('query-contact-by-email.response.json').records;
		const { Id: _id, ...fields } = maria;
		const id = api().add('Contact', fields);

		const found = await adapterFor(api(), { defaultCountry: 'BR' }).findContacts(customer({ emails: ['maria.silva@example.com'] }));

		expect(found).toEqual([
			{
				crm: 'salesforce',
				id,
				objectType: 'contact',
				name: 'Maria Silva',
				emails: ['maria.silva@example.com'],
				phones: ['+5511987654321', '+551134567890'],
				url: `${api().url}/lightning/r/Contact/${id}/view`,
				properties: expect.objectContaining({ Id: id, FirstName: 'Maria', LastName: 'Silva', Phone: '(11) 3456-7890' }),
			},
		]);
	});

	it("keeps a quote in an e-mail inside the SOQL literal: it is searched for, and nothing else is", async () => {
		api().add('Contact', { LastName: 'Other', Email: 'someone@example.com' });
		const odd = api().add('Contact', { LastName: "O'Brien", Email: "o'brien@example.com" });
		const injection = "x@example.com' OR Email != '";

		const adapter = adapterFor(api());
		expect((await adapter.findContacts(customer({ emails: [injection] }))).map((contact) => contact.id)).toEqual([]);
		expect((await adapter.findContacts(customer({ emails: ["o'brien@example.com"] }))).map((contact) => contact.id)).toEqual([odd]);

		const [contactQuery] = queriesSent(api());
		expect(contactQuery).toBe(
			"SELECT Id, Name, FirstName, LastName, Email, MobilePhone, Phone, HomePhone, OtherPhone FROM Contact WHERE Email IN ('x@example.com\\' OR Email != \\'') ORDER BY LastModifiedDate DESC LIMIT 50",
		);
	});

	it('finds by phone through one SOSL search of the number as E.164, national digits and all digits', async () => {
		const e164 = api().add('Contact', { LastName: 'Silva', MobilePhone: '+55 11 98765-4321' });
		const national = api().add('Contact', { LastName: 'Souza', Phone: '(11) 98765-4321' });
		const allDigits = api().add('Lead', { LastName: 'S.', Company: 'Acme', MobilePhone: '5511987654321' });
		api().add('Contact', { LastName: 'Elsewhere', Phone: '(21) 98765-4321' });

		const found = await adapterFor(api()).findContacts(customer({ phones: ['+5511987654321'] }));

		expect(found.map((contact) => [contact.objectType, contact.id])).toEqual([
			['contact', e164],
			['contact', national],
			['lead', allDigits],
		]);
		expect(queriesSent(api())).toEqual([
			'FIND {\\+5511987654321 OR 11987654321 OR 5511987654321} IN PHONE FIELDS RETURNING ' +
				'Contact(Id, Name, FirstName, LastName, Email, MobilePhone, Phone, HomePhone, OtherPhone ORDER BY LastModifiedDate DESC LIMIT 50), ' +
				'Lead(Id, Name, FirstName, LastName, Email, MobilePhone, Phone WHERE IsConverted = false ORDER BY LastModifiedDate DESC LIMIT 50)',
		]);
	});

	it('answers the contacts first, then the open leads, each record once, and skips converted leads', async () => {
		const lead = api().add('Lead', { LastName: 'Lead', Company: 'Acme', Email: 'ana@example.com' });
		api().add('Lead', { LastName: 'Converted', Company: 'Acme', Email: 'ana@example.com', IsConverted: true });
		const contact = api().add('Contact', { LastName: 'Contact', Email: 'ana@example.com', MobilePhone: '+5511912345678' });

		const found = await adapterFor(api()).findContacts(customer({ emails: ['ana@example.com'], phones: ['+5511912345678'] }));

		expect(found.map((record) => [record.objectType, record.id])).toEqual([
			['contact', contact],
			['lead', lead],
		]);
	});

	it('reads a known id directly, by its key prefix, and answers nothing for a deleted one', async () => {
		const lead = api().add('Lead', { LastName: 'Lead', Company: 'Acme' });
		const gone = api().add('Contact', { LastName: 'Gone' });
		const adapter = adapterFor(api());
		await adapter.eraseContact(gone);

		expect((await adapter.findContacts(customer({ crmId: lead, emails: ['ignored@example.com'] })))[0]).toMatchObject({ id: lead, objectType: 'lead', url: `${api().url}/lightning/r/Lead/${lead}/view` });
		expect(await adapter.findContacts(customer({ crmId: gone }))).toEqual([]);
		expect(api().requests.filter((request) => request.method === 'GET').map((request) => request.path)).toEqual([
			`/services/data/v62.0/sobjects/Lead/${lead}`,
			`/services/data/v62.0/sobjects/Contact/${gone}`,
		]);
	});

	it('follows a converted lead to the contact it became', async () => {
		const contact = api().add('Contact', { LastName: 'Became' });
		const lead = api().add('Lead', { LastName: 'Was', Company: 'Acme', IsConverted: true, ConvertedContactId: contact });

		expect((await adapterFor(api()).findContacts(customer({ crmId: lead }))).map((record) => record.id)).toEqual([contact]);
	});

	it('refuses an id of another object in words', async () => {
		await expect(adapterFor(api()).findContacts(customer({ crmId: '001Dn00000XyZ12IAF' }))).rejects.toThrow('is not a Salesforce Contact or Lead id');
		expect(api().requests).toEqual([]);
	});
});
