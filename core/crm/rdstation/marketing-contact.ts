import { normalizePhone } from '../../identifiers/phone';
import type { CrmContact, CrmProperty } from '../types';
import { rdStationContactId } from './contact-id';
import { asRecord, asString } from './request';

/** The phone fields of a Marketing contact (`phone` was added in 2025 beside the two older ones). */
const PHONE_FIELDS = ['mobile_phone', 'personal_phone', 'phone'];

function phoneRead(stored: string, defaultCountry: string): string {
	const result = normalizePhone(stored, defaultCountry);
	return result.ok ? result.value : stored.trim();
}

/** A contact as GET /platform/contacts/… answers it (documented fields; cf_* custom fields kept in properties). */
export function readMarketingContact(raw: unknown, defaultCountry: string): CrmContact {
	const record = asRecord(raw);
	const emails = [asString(record.email), ...(Array.isArray(record.extra_emails) ? record.extra_emails.map((item) => asString(item) ?? asString(asRecord(item).email)) : [])]
		.filter((email): email is string => Boolean(email))
		.map((email) => email.toLowerCase());
	const phones = PHONE_FIELDS.map((field) => asString(record[field])).filter((phone): phone is string => Boolean(phone)).map((phone) => phoneRead(phone, defaultCountry));
	return {
		crm: 'rdstation',
		id: rdStationContactId('marketing', asString(record.uuid) ?? ''),
		objectType: 'contact',
		name: asString(record.name),
		emails: [...new Set(emails)],
		phones: [...new Set(phones)],
		properties: record,
	};
}

/**
 * Fields of GET /platform/contacts/fields: `api_identifier` is what a contact is written with,
 * `name` and `label` are per-language texts. The e-mail is the contact's key (it goes in the
 * URL, never in a PATCH body), so it is listed as not writable.
 */
export function readMarketingFields(body: unknown): CrmProperty[] {
	const fields = Array.isArray(asRecord(body).fields) ? (asRecord(body).fields as unknown[]) : Array.isArray(body) ? body : [];
	const text = (value: unknown): string | undefined => asString(value) ?? asString(asRecord(value)['pt-BR']) ?? asString(asRecord(value).default) ?? Object.values(asRecord(value)).map(asString).find(Boolean);
	return fields
		.map(asRecord)
		.map((field): CrmProperty | undefined => {
			const name = asString(field.api_identifier);
			if (!name) return undefined;
			return { name, label: text(field.name) ?? text(field.label) ?? name, type: asString(field.data_type)?.toLowerCase() ?? 'string', writable: name !== 'email' && name !== 'uuid' };
		})
		.filter((field): field is CrmProperty => field !== undefined);
}

/** `email:<address>` as RD Station's own clients write it: the @ stays, anything else unsafe is escaped. */
export const marketingEmailKey = (email: string): string => `email:${encodeURIComponent(email).replace(/%40/g, '@')}`;
