import type { CrmContact, CrmCustomer, CrmProperty } from '../types';
import { rdStationContactId } from './contact-id';
import { crmPhoneRead, crmPhoneWritten } from './crm-phone-forms';
import { asRecord, asString } from './request';

/** Mapped properties named `custom_field:<id>` are RD Station CRM custom fields (`contact_custom_fields`). */
export const CRM_CUSTOM_FIELD_PREFIX = 'custom_field:';

/** The standard contact fields of RD Station CRM's API v1 a node can map to; e-mails and phones come from the customer. */
export const CRM_STANDARD_PROPERTIES: CrmProperty[] = [
	{ name: 'name', label: 'Name', type: 'string', writable: true },
	{ name: 'title', label: 'Job Title', type: 'string', writable: true },
	{ name: 'facebook', label: 'Facebook', type: 'string', writable: true },
	{ name: 'linkedin', label: 'LinkedIn', type: 'string', writable: true },
	{ name: 'skype', label: 'Skype', type: 'string', writable: true },
	{ name: 'organization_id', label: 'Company ID', type: 'string', writable: true },
];

/** The contact's own id, `_id` or `id` (CRM v1 answers both). */
export function crmRecordId(raw: unknown): string | undefined {
	const record = asRecord(raw);
	return asString(record.id) ?? asString(record._id);
}

function listOf(raw: unknown, key: string): string[] {
	const list = Array.isArray(raw) ? raw : [];
	return list.map((item) => (typeof item === 'string' ? item : asString(asRecord(item)[key]))).filter((item): item is string => Boolean(item));
}

export const crmContactEmails = (raw: unknown): string[] => listOf(asRecord(raw).emails, 'email').map((email) => email.trim().toLowerCase());

export const crmContactPhones = (raw: unknown, defaultCountry: string): string[] => listOf(asRecord(raw).phones, 'phone').map((phone) => crmPhoneRead(phone, defaultCountry));

/** A contact as RD Station CRM answered it; read tolerantly, since its shapes are not all documented. */
export function readCrmContact(raw: unknown, defaultCountry: string, fallbackId?: string): CrmContact {
	const record = asRecord(raw);
	const id = crmRecordId(record) ?? fallbackId ?? '';
	return {
		crm: 'rdstation',
		id: rdStationContactId('crm', id),
		objectType: 'contact',
		name: asString(record.name),
		emails: [...new Set(crmContactEmails(record))],
		phones: [...new Set(crmContactPhones(record, defaultCountry))],
		properties: record,
	};
}

/**
 * The `{contact: …}` body of POST /contacts or PUT /contacts/{id}. E-mails and phones the
 * contact already has are sent back as they were (a PUT may replace the lists), and only the
 * customer's new ones are added: nothing stored in RD Station is dropped.
 */
export function crmContactBody(customer: CrmCustomer, properties: Record<string, unknown>, defaultCountry: string, existing?: Record<string, unknown>): { contact: Record<string, unknown> } {
	const contact: Record<string, unknown> = {};
	const customFields: Array<{ custom_field_id: string; value: unknown }> = [];
	for (const [name, value] of Object.entries(properties)) {
		if (name.startsWith(CRM_CUSTOM_FIELD_PREFIX)) customFields.push({ custom_field_id: name.slice(CRM_CUSTOM_FIELD_PREFIX.length), value });
		else contact[name] = value;
	}
	const name = asString(contact.name) ?? customer.name?.trim() ?? asString(existing?.name) ?? customer.emails[0] ?? customer.phones[0];
	if (name) contact.name = name;

	const storedEmails = Array.isArray(existing?.emails) ? (existing.emails as unknown[]) : [];
	const knownEmails = new Set(crmContactEmails(existing));
	const newEmails = customer.emails.filter((email) => !knownEmails.has(email));
	if (newEmails.length > 0) contact.emails = [...storedEmails, ...newEmails.map((email) => ({ email }))];

	const storedPhones = Array.isArray(existing?.phones) ? (existing.phones as unknown[]) : [];
	const knownPhones = new Set(crmContactPhones(existing, defaultCountry));
	const newPhones = customer.phones.filter((phone) => !knownPhones.has(phone));
	if (newPhones.length > 0) contact.phones = [...storedPhones, ...newPhones.map((phone) => ({ phone: crmPhoneWritten(phone) }))];

	if (customFields.length > 0) contact.contact_custom_fields = customFields;
	return { contact };
}
