import type { CrmContact, CrmCustomer } from '../types';
import { callSalesforce } from './api';
import type { SalesforceConfig } from './config';
import { phoneSearchForms, soqlString, soslTerm } from './query-literals';
import { requirePersonObject, type PersonObject } from './record-ids';
import { personFields, toCrmContact, type SalesforceRecord } from './records';

/** How many matches of one object a search returns; a customer with more is a data-quality problem, not a list to page. */
const MATCH_LIMIT = 50;
/** A lead once converted is a contact now: searches leave it out, as Salesforce's own lists do. */
const NOT_CONVERTED = 'IsConverted = false';

interface QueryAnswer {
	records: SalesforceRecord[];
}
interface SearchAnswer {
	searchRecords: SalesforceRecord[];
}

/** The record of a known id; a lead converted since is followed to the contact it became. */
async function findById(config: SalesforceConfig, crmId: string): Promise<CrmContact[]> {
	const id = crmId.trim();
	const object = requirePersonObject(id, 'The Salesforce id');
	const fields = personFields(object, config);
	if (object === 'Lead') fields.push('IsConverted', 'ConvertedContactId');
	const response = await callSalesforce<SalesforceRecord>(config, {
		method: 'GET',
		path: `/sobjects/${object}/${id}`,
		query: { fields: fields.join(',') },
		subject: `the ${object.toLowerCase()} ${id}`,
		accept: [404],
	});
	if (response.status === 404) return [];
	const record = response.body;
	if (object === 'Lead' && record.IsConverted === true) {
		return typeof record.ConvertedContactId === 'string' ? findById(config, record.ConvertedContactId) : [];
	}
	return [toCrmContact(config, object, record)];
}

async function queryByEmail(config: SalesforceConfig, object: PersonObject, emails: string[]): Promise<CrmContact[]> {
	const conditions = [`Email IN (${emails.map(soqlString).join(', ')})`, ...(object === 'Lead' ? [NOT_CONVERTED] : [])];
	const soql = `SELECT ${personFields(object, config).join(', ')} FROM ${object} WHERE ${conditions.join(' AND ')} ORDER BY LastModifiedDate DESC LIMIT ${MATCH_LIMIT}`;
	const response = await callSalesforce<QueryAnswer>(config, { method: 'GET', path: '/query', query: { q: soql }, subject: `the ${object.toLowerCase()} search by e-mail` });
	return (response.body.records ?? []).map((record) => toCrmContact(config, object, record));
}

/** One SOSL search over every phone field of contacts and open leads, for every form of every number. */
async function searchByPhone(config: SalesforceConfig, phones: string[]): Promise<CrmContact[]> {
	const terms = [...new Set(phones.flatMap(phoneSearchForms))].map(soslTerm);
	if (terms.length === 0) return [];
	const returning = (['Contact', 'Lead'] as const).map((object) => {
		const where = object === 'Lead' ? ` WHERE ${NOT_CONVERTED}` : '';
		return `${object}(${personFields(object, config).join(', ')}${where} ORDER BY LastModifiedDate DESC LIMIT ${MATCH_LIMIT})`;
	});
	const sosl = `FIND {${terms.join(' OR ')}} IN PHONE FIELDS RETURNING ${returning.join(', ')}`;
	const response = await callSalesforce<SearchAnswer>(config, { method: 'GET', path: '/search', query: { q: sosl }, subject: 'the search by phone' });
	return (response.body.searchRecords ?? []).flatMap((record) => {
		const object = record.attributes?.type;
		return object === 'Contact' || object === 'Lead' ? [toCrmContact(config, object, record)] : [];
	});
}

/**
 * The contacts and open leads that are this customer: by id when known, else by every e-mail
 * (SOQL) and every phone (SOSL). Contacts first, then leads; each record once.
 */
export async function findSalesforceContacts(config: SalesforceConfig, customer: CrmCustomer): Promise<CrmContact[]> {
	if (customer.crmId?.trim()) return findById(config, customer.crmId);
	const emails = [...new Set(customer.emails.map((email) => email.trim()).filter(Boolean))];
	const phones = [...new Set(customer.phones.map((phone) => phone.trim()).filter(Boolean))];
	const [contactsByEmail, leadsByEmail, byPhone] = await Promise.all([
		emails.length > 0 ? queryByEmail(config, 'Contact', emails) : [],
		emails.length > 0 ? queryByEmail(config, 'Lead', emails) : [],
		phones.length > 0 ? searchByPhone(config, phones) : [],
	]);
	const found = new Map<string, CrmContact>();
	const ordered = [...contactsByEmail, ...byPhone.filter((c) => c.objectType === 'contact'), ...leadsByEmail, ...byPhone.filter((c) => c.objectType === 'lead')];
	for (const contact of ordered) if (!found.has(contact.id)) found.set(contact.id, contact);
	return [...found.values()];
}
