import { normalizeEmail } from '../../identifiers/email';
import { normalizePhone } from '../../identifiers/phone';
import type { CrmContact } from '../types';
import { instanceOf, type SalesforceConfig } from './config';
import { objectTypeOf, type PersonObject } from './record-ids';

/** A record as the REST API answers it: its fields, and `attributes` (type and URL). */
export type SalesforceRecord = Record<string, unknown> & { Id: string; attributes?: { type?: string; url?: string } };

const PHONE_FIELDS: Record<PersonObject, string[]> = {
	Contact: ['MobilePhone', 'Phone', 'HomePhone', 'OtherPhone'],
	Lead: ['MobilePhone', 'Phone'],
};

/** The fields read for each person: names, e-mail, phones, and for a Contact the External ID field. */
export function personFields(object: PersonObject, config: SalesforceConfig): string[] {
	const fields = ['Id', 'Name', 'FirstName', 'LastName', 'Email', ...PHONE_FIELDS[object]];
	if (object === 'Contact' && config.externalIdField) fields.push(config.externalIdField);
	return fields;
}

export function recordUrl(config: SalesforceConfig, object: string, id: string): string {
	return `${instanceOf(config)}/lightning/r/${object}/${id}/view`;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** A Contact or Lead as the package's CrmContact: phones in E.164 where they can be read as numbers. */
export function toCrmContact(config: SalesforceConfig, object: PersonObject, record: SalesforceRecord): CrmContact {
	const { attributes: _attributes, ...properties } = record;
	const email = text(record.Email);
	const phones = PHONE_FIELDS[object]
		.map((field) => text(record[field]))
		.filter((value): value is string => value !== undefined)
		.map((value) => {
			const phone = normalizePhone(value, config.defaultCountry);
			return phone.ok ? phone.value : value;
		});
	const name = text(record.Name) ?? ([text(record.FirstName), text(record.LastName)].filter(Boolean).join(' ') || undefined);
	const emailResult = email === undefined ? undefined : normalizeEmail(email);
	return {
		crm: 'salesforce',
		id: record.Id,
		objectType: objectTypeOf(object),
		name,
		emails: emailResult === undefined ? [] : [emailResult.ok ? emailResult.value : (email as string)],
		phones: [...new Set(phones)],
		url: recordUrl(config, object, record.Id),
		properties,
	};
}
