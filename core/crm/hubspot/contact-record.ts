import { storedPhone } from '../phone-forms';
import type { CrmContact } from '../types';

/** A HubSpot CRM object as the v3 API answers it (SimplePublicObject, and the upsert's with `new`). */
export interface HubSpotObject {
	id: string;
	properties: Record<string, string | null>;
	createdAt?: string;
	updatedAt?: string;
	archived?: boolean;
	new?: boolean;
}

/** The contact properties the node reads back: who the person is and how to reach them. */
export const CONTACT_PROPERTIES = ['email', 'hs_additional_emails', 'firstname', 'lastname', 'phone', 'mobilephone', 'hs_whatsapp_phone_number', 'createdate', 'lastmodifieddate'];

const PHONE_PROPERTIES = ['mobilephone', 'phone', 'hs_whatsapp_phone_number'];

/** hs_additional_emails holds the other addresses separated by semicolons. */
export const additionalEmails = (value: string | null | undefined) =>
	(value ?? '')
		.split(';')
		.map((email) => email.trim().toLowerCase())
		.filter(Boolean);

/** A HubSpot contact as every CRM node outputs a contact. */
export function crmContact(record: HubSpotObject): CrmContact {
	const properties = record.properties ?? {};
	const name = [properties.firstname, properties.lastname].filter((part) => part?.trim()).join(' ');
	const emails = [properties.email?.trim().toLowerCase(), ...additionalEmails(properties.hs_additional_emails)].filter((email): email is string => !!email);
	const phones = PHONE_PROPERTIES.map((property) => storedPhone(properties[property])).filter((phone): phone is string => !!phone);
	return {
		crm: 'hubspot',
		id: String(record.id),
		objectType: 'contact',
		...(name ? { name } : {}),
		emails: [...new Set(emails)],
		phones: [...new Set(phones)],
		properties,
	};
}
