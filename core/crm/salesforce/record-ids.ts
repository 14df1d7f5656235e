import { CrmError } from '../types';

/** The person objects the adapter reads and writes: a Contact, or a Lead not yet converted. */
export type PersonObject = 'Contact' | 'Lead';

const ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/** Salesforce record ids start with their object's key prefix: 003 Contact, 00Q Lead. */
export function personObjectOf(id: string): PersonObject | undefined {
	if (!ID.test(id)) return undefined;
	if (id.startsWith('003')) return 'Contact';
	if (id.startsWith('00Q')) return 'Lead';
	return undefined;
}

/** The object of a contact or lead id, or an error that says what kind of id was expected. */
export function requirePersonObject(id: string, what: string): PersonObject {
	const object = personObjectOf(id.trim());
	if (!object) {
		throw new CrmError('salesforce', `${what} "${id}" is not a Salesforce Contact or Lead id: those are 15 or 18 letters and digits starting with 003 (Contact) or 00Q (Lead)`, { code: 'INVALID_ID' });
	}
	return object;
}

export function objectTypeOf(object: PersonObject): 'contact' | 'lead' {
	return object === 'Contact' ? 'contact' : 'lead';
}
