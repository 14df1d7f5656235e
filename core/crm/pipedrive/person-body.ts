import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { CrmError, type CrmUpsert } from '../types';
import { emailKey, phoneAsE164, valuesOf, type PipedrivePerson, type PipedriveValue } from './person';

/**
 * What POST and PATCH /api/v2/persons are sent. A node maps traits to Pipedrive's person fields by
 * key: the person's own fields go at the top of the body, every other key (custom fields are
 * 40-character hashes) under custom_fields, as v2 wants them.
 */
const PERSON_FIELDS = new Set(['name', 'owner_id', 'org_id', 'visible_to', 'label_ids', 'marketing_status']);

interface MappedProperties {
	fields: Record<string, unknown>;
	customFields: Record<string, unknown>;
	/** Mapped to the person's `email` / `phone` field: added to the customer's own. */
	emails: string[];
	phones: string[];
}

const textsOf = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());

function mapProperties(properties: Record<string, unknown>): MappedProperties {
	const mapped: MappedProperties = { fields: {}, customFields: {}, emails: [], phones: [] };
	for (const [key, value] of Object.entries(properties)) {
		if (value === undefined) continue;
		if (key === 'email') mapped.emails.push(...textsOf(value));
		else if (key === 'phone') mapped.phones.push(...textsOf(value));
		// v1's person field "label" (what listProperties offers) is v2's label_ids.
		else if (key === 'label') mapped.fields.label_ids = Array.isArray(value) ? value : [value];
		else if (key === 'name') {
			if (typeof value === 'string' && value.trim()) mapped.fields.name = value.trim();
		} else if (PERSON_FIELDS.has(key)) mapped.fields[key] = value;
		else mapped.customFields[key] = value;
	}
	return mapped;
}

/** Pipedrive's phone labels: work, home, mobile, other. */
function phoneLabel(value: string): string {
	const type = parsePhoneNumberFromString(value)?.getType();
	if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return 'mobile';
	return type === 'FIXED_LINE' ? 'work' : 'other';
}

function uniqueBy(values: string[], key: (value: string) => string): string[] {
	const seen = new Set<string>();
	return values.filter((value) => {
		const seenAs = key(value);
		if (seen.has(seenAs)) return false;
		seen.add(seenAs);
		return true;
	});
}

function wanted({ customer, properties }: CrmUpsert, defaultCountry?: string) {
	const mapped = mapProperties(properties);
	return {
		mapped,
		emails: uniqueBy([...customer.emails, ...mapped.emails], emailKey),
		phones: uniqueBy([...customer.phones, ...mapped.phones], (phone) => phoneAsE164(phone, defaultCountry)),
		name: (mapped.fields.name as string | undefined) ?? (customer.name?.trim() || undefined),
	};
}

const emailEntry = (value: string, primary: boolean): PipedriveValue => ({ value, primary, label: 'work' });
const phoneEntry = (value: string, primary: boolean): PipedriveValue => ({ value, primary, label: phoneLabel(value) });

/** A new person. Pipedrive requires a name: without one, the e-mail or the phone stands in. */
export function newPersonBody(upsert: CrmUpsert, defaultCountry?: string): Record<string, unknown> {
	const { mapped, emails, phones, name } = wanted(upsert, defaultCountry);
	const shownAs = name ?? emails[0] ?? phones[0];
	if (!shownAs) {
		throw new CrmError('pipedrive', 'Pipedrive needs a name to create a person, and this customer has no name, e-mail or phone. Map a name, or resolve the customer with an e-mail or phone first.');
	}
	return {
		...mapped.fields,
		name: shownAs,
		...(emails.length ? { emails: emails.map((email, index) => emailEntry(email, index === 0)) } : {}),
		...(phones.length ? { phones: phones.map((phone, index) => phoneEntry(phone, index === 0)) } : {}),
		...(Object.keys(mapped.customFields).length ? { custom_fields: mapped.customFields } : {}),
	};
}

/**
 * v2 replaces a person's e-mails and phones with the list it is sent: send the ones the person has,
 * as they are, followed by the new ones, so that nothing typed in Pipedrive is lost.
 */
function keptAndAdded(existing: PipedriveValue[], wantedValues: string[], key: (value: string) => string, entry: (value: string, primary: boolean) => PipedriveValue): PipedriveValue[] | undefined {
	const known = new Set(existing.map((item) => key(item.value)));
	const added = wantedValues.filter((value) => !known.has(key(value)));
	if (!added.length) return undefined;
	const hasPrimary = existing.some((item) => item.primary);
	return [
		...existing.map(({ value, primary, label }) => ({ value, primary: primary === true, ...(label ? { label } : {}) })),
		...added.map((value, index) => entry(value, !hasPrimary && index === 0)),
	];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The PATCH that brings the person up to date, or undefined when it already is. */
export function personChanges(person: PipedrivePerson, upsert: CrmUpsert, defaultCountry?: string): Record<string, unknown> | undefined {
	const { mapped, emails, phones, name } = wanted(upsert, defaultCountry);
	const changes: Record<string, unknown> = {};
	if (name && name !== person.name) changes.name = name;
	for (const [key, value] of Object.entries(mapped.fields)) if (key !== 'name' && !same(value, person[key])) changes[key] = value;
	const newEmails = keptAndAdded(valuesOf(person.emails), emails, emailKey, emailEntry);
	if (newEmails) changes.emails = newEmails;
	const newPhones = keptAndAdded(valuesOf(person.phones), phones, (phone) => phoneAsE164(phone, defaultCountry), phoneEntry);
	if (newPhones) changes.phones = newPhones;
	const current = person.custom_fields && !Array.isArray(person.custom_fields) ? person.custom_fields : {};
	const customFields = Object.fromEntries(Object.entries(mapped.customFields).filter(([key, value]) => !same(value, current[key])));
	if (Object.keys(customFields).length) changes.custom_fields = customFields;
	return Object.keys(changes).length ? changes : undefined;
}
