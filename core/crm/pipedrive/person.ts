import { normalizeEmail } from '../../identifiers/email';
import { normalizePhone } from '../../identifiers/phone';
import type { CrmContact } from '../types';

/** An e-mail or phone of a person as v2 holds it; its search answers bare strings instead. */
export interface PipedriveValue {
	value: string;
	primary?: boolean;
	label?: string;
}

/** A person as v2 answers it (GET, POST, PATCH), or as its search answers it (strings for values). */
export interface PipedrivePerson {
	id: number;
	name?: string | null;
	emails?: Array<PipedriveValue | string> | null;
	phones?: Array<PipedriveValue | string> | null;
	is_deleted?: boolean;
	custom_fields?: Record<string, unknown> | unknown[] | null;
	[key: string]: unknown;
}

/** The person's e-mails or phones as objects, whichever of the two shapes Pipedrive answered. */
export function valuesOf(values: PipedrivePerson['emails']): PipedriveValue[] {
	return (values ?? [])
		.map((entry) => (typeof entry === 'string' ? { value: entry } : entry))
		.filter((entry): entry is PipedriveValue => typeof entry?.value === 'string' && entry.value.trim() !== '');
}

/** "acme", "acme.pipedrive.com" or "https://acme.pipedrive.com/" all name the company "acme". */
export function companySubdomain(domain: string | undefined): string | undefined {
	const host = domain?.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
	if (!host) return undefined;
	const subdomain = host.replace(/\.pipedrive\.com$/, '');
	// An API host (api.pipedrive.com) or a gateway names no company.
	return subdomain === 'api' || subdomain.includes('.') ? undefined : subdomain;
}

export function personUrl(companyDomain: string | undefined, id: number | string): string | undefined {
	const subdomain = companySubdomain(companyDomain);
	return subdomain ? `https://${subdomain}.pipedrive.com/person/${id}` : undefined;
}

/** A stored number in E.164 when it reads as one (national spellings in the customer's country), else as stored. */
export function phoneAsE164(value: string, defaultCountry?: string): string {
	const normalized = normalizePhone(value, defaultCountry);
	return normalized.ok ? normalized.value : value.trim();
}

export function emailKey(value: string): string {
	const normalized = normalizeEmail(value);
	return normalized.ok ? normalized.value : value.trim().toLowerCase();
}

export function toContact(person: PipedrivePerson, options: { companyDomain?: string; defaultCountry?: string }): CrmContact {
	const name = typeof person.name === 'string' && person.name.trim() ? person.name : undefined;
	return {
		crm: 'pipedrive',
		id: String(person.id),
		objectType: 'person',
		...(name ? { name } : {}),
		emails: [...new Set(valuesOf(person.emails).map((email) => emailKey(email.value)))],
		phones: [...new Set(valuesOf(person.phones).map((phone) => phoneAsE164(phone.value, options.defaultCountry)))],
		...(personUrl(options.companyDomain, person.id) ? { url: personUrl(options.companyDomain, person.id) } : {}),
		properties: { ...person },
	};
}
