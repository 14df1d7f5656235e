import { phoneForms } from '../phone-forms';
import type { CrmCustomer } from '../types';
import { additionalEmails, CONTACT_PROPERTIES, type HubSpotObject } from './contact-record';

interface Filter {
	propertyName: string;
	operator: 'EQ' | 'IN' | 'CONTAINS_TOKEN';
	value?: string;
	values?: string[];
}

/** HubSpot ORs filter groups, up to five per search request. */
export const MAX_GROUPS_PER_SEARCH = 5;
/** More contacts than this for one person is a data problem, not something to page through. */
export const SEARCH_LIMIT = 100;

/**
 * The filter groups that find a customer's contacts: any of its e-mails as the primary or an
 * additional address, any of its phones in `phone` or `mobilephone` as people type them, and
 * hs_searchable_calculated_phone_number, which HubSpot keeps in digits without country code.
 */
export function contactFilterGroups(customer: CrmCustomer): Array<{ filters: Filter[] }> {
	const groups: Filter[] = [];
	if (customer.emails.length) groups.push({ propertyName: 'email', operator: 'IN', values: customer.emails });
	for (const email of customer.emails) groups.push({ propertyName: 'hs_additional_emails', operator: 'CONTAINS_TOKEN', value: email });
	const forms = customer.phones.map((phone) => phoneForms(phone)).filter((form) => form !== undefined);
	if (forms.length) {
		const written = [...new Set(forms.flatMap((form) => form.written))];
		groups.push({ propertyName: 'phone', operator: 'IN', values: written });
		groups.push({ propertyName: 'mobilephone', operator: 'IN', values: written });
		groups.push({ propertyName: 'hs_searchable_calculated_phone_number', operator: 'IN', values: [...new Set(forms.map((form) => form.national))] });
	}
	return groups.map((filter) => ({ filters: [filter] }));
}

/** The search requests for the groups, five groups each. */
export function searchRequests(customer: CrmCustomer): object[] {
	const groups = contactFilterGroups(customer);
	const requests: object[] = [];
	for (let start = 0; start < groups.length; start += MAX_GROUPS_PER_SEARCH) {
		requests.push({ filterGroups: groups.slice(start, start + MAX_GROUPS_PER_SEARCH), properties: CONTACT_PROPERTIES, limit: SEARCH_LIMIT });
	}
	return requests;
}

/**
 * How well a contact matches the customer: its primary e-mail first, then an additional one,
 * then a phone; the most recently changed first among equals.
 */
function relevance(record: HubSpotObject, customer: CrmCustomer): number {
	const properties = record.properties ?? {};
	const email = properties.email?.trim().toLowerCase();
	let score = 0;
	if (email && customer.emails.includes(email)) score += 4;
	if (additionalEmails(properties.hs_additional_emails).some((other) => customer.emails.includes(other))) score += 2;
	return score;
}

export function byRelevance(records: HubSpotObject[], customer: CrmCustomer): HubSpotObject[] {
	const unique = [...new Map(records.map((record) => [String(record.id), record])).values()];
	const changed = (record: HubSpotObject) => Date.parse(record.updatedAt ?? record.properties?.lastmodifieddate ?? '') || 0;
	return unique.sort((a, b) => relevance(b, customer) - relevance(a, customer) || changed(b) - changed(a));
}
