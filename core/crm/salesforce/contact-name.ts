import type { CrmCustomer } from '../types';

/** Salesforce's lengths for the name fields; longer values are refused, not cut. */
const FIRST_NAME_MAX = 40;
const LAST_NAME_MAX = 80;

export interface SalesforceName {
	FirstName?: string;
	LastName: string;
}

/** "Maria da Silva" is FirstName "Maria", LastName "da Silva"; a single word is the last name. */
export function splitName(name: string | undefined): SalesforceName | undefined {
	const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return undefined;
	if (words.length === 1) return { LastName: words[0].slice(0, LAST_NAME_MAX) };
	return { FirstName: words[0].slice(0, FIRST_NAME_MAX), LastName: words.slice(1).join(' ').slice(0, LAST_NAME_MAX) };
}

/**
 * LastName is required on a Contact. A customer who never told their name (a WhatsApp number, an
 * e-mail) gets the first e-mail or phone as last name, so the record reads as who it is and
 * a later upsert with a name replaces it.
 */
export function placeholderName(customer: CrmCustomer): SalesforceName {
	const stand = customer.emails[0] ?? customer.phones[0] ?? (customer.id ? `Customer ${customer.id}` : 'Unknown customer');
	return { LastName: stand.slice(0, LAST_NAME_MAX) };
}

/** Whether a stored last name is a placeholder this adapter wrote, so a known name may replace it. */
export function isPlaceholderName(lastName: unknown, customer: CrmCustomer): boolean {
	if (typeof lastName !== 'string' || !lastName.trim()) return true;
	return lastName === placeholderName(customer).LastName || customer.emails.includes(lastName) || customer.phones.includes(lastName);
}
