import { isSupportedCountry } from 'libphonenumber-js/max';
import { IDENTITY_KINDS, type RawIdentity, type ResolveInput, type Traits } from '../../core';

/** What one column of an import holds. */
export type ColumnRole =
	| { type: 'name' | 'firstName' | 'lastName' | 'country' }
	| { type: 'identity'; kind: string }
	| { type: 'trait'; key: string }
	| { type: 'ignored' };

/** A header as compared: lower-case, no accents, runs of spaces, _ - . as one space. */
export function headerKey(header: string): string {
	return header
		.trim()
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[\s_.-]+/g, ' ')
		.trim();
}

const synonyms = (role: ColumnRole, ...headers: string[]) => headers.map((header) => [header, role] as const);
const identity = (kind: string): ColumnRole => ({ type: 'identity', kind });

/** Headers of CRM and spreadsheet exports (English and Portuguese) and what they hold. */
const KNOWN_HEADERS = new Map<string, ColumnRole>([
	...synonyms({ type: 'name' }, 'name', 'full name', 'fullname', 'nome', 'nome completo', 'contact name', 'customer name'),
	...synonyms({ type: 'firstName' }, 'first name', 'firstname', 'given name', 'primeiro nome'),
	...synonyms({ type: 'lastName' }, 'last name', 'lastname', 'surname', 'family name', 'sobrenome', 'ultimo nome'),
	...synonyms({ type: 'country' }, 'country', 'country code', 'pais', 'codigo do pais'),
	...synonyms(identity('email'), 'email', 'e mail', 'mail', 'email address', 'e mail address', 'endereco de email', 'endereco de e mail'),
	...synonyms(identity('phone'), 'phone', 'phone number', 'telephone', 'telefone', 'tel', 'fone', 'mobile', 'mobile phone', 'mobile number', 'cell', 'cell phone', 'celular', 'telefone celular'),
	...synonyms(identity('whatsapp'), 'whatsapp', 'whats app', 'whatsapp number', 'whatsapp id', 'wa id', 'numero whatsapp'),
	...synonyms(identity('external'), 'external id', 'externalid', 'external', 'id'),
	...synonyms(identity('hubspot'), 'hubspot', 'hubspot id', 'hubspot contact id'),
	...synonyms(identity('salesforce'), 'salesforce', 'salesforce id', 'salesforce contact id'),
	...synonyms(identity('pipedrive'), 'pipedrive', 'pipedrive id', 'pipedrive person id'),
	...synonyms(identity('rdstation'), 'rdstation', 'rd station', 'rdstation id', 'rd station id', 'rd station uuid'),
	// Any identity kind by its own name: whatsapp_bsuid, messenger, instagram, telegram, webchat…
	...IDENTITY_KINDS.map((kind) => [headerKey(kind), identity(kind)] as const),
]);

export function columnRole(header: string): ColumnRole {
	const key = headerKey(header);
	if (!key) return { type: 'ignored' };
	return KNOWN_HEADERS.get(key) ?? { type: 'trait', key: header.trim() };
}

export interface ColumnMap {
	roles: ColumnRole[];
	/** Whether some column holds an identifier: without one, no row can be imported. */
	identifies: boolean;
}

export function mapColumns(headers: string[]): ColumnMap {
	const roles = headers.map(columnRole);
	return { roles, identifies: roles.some((role) => role.type === 'identity') };
}

/**
 * A WhatsApp column holds either a WhatsApp id (international number in digits, as WhatsApp
 * tools export it) or a phone number as people write it; the latter is read as a phone.
 */
function whatsappIdentity(value: string, country: string | undefined): RawIdentity {
	return /^\d+$/.test(value) ? { kind: 'whatsapp', value } : { kind: 'phone', value, country };
}

/** One row as something to resolve, or why it has nothing to resolve. Cells are already trimmed. */
export function rowInput(map: ColumnMap, cells: string[]): { input?: ResolveInput; error?: string; empty?: boolean } {
	if (cells.every((cell) => !cell)) return { empty: true };
	let name: string | undefined;
	let first: string | undefined;
	let last: string | undefined;
	let country: string | undefined;
	const traits: Traits = {};
	const found: { kind: string; value: string }[] = [];
	map.roles.forEach((role, index) => {
		const value = cells[index]?.trim();
		if (!value) return;
		if (role.type === 'name') name ??= value;
		else if (role.type === 'firstName') first ??= value;
		else if (role.type === 'lastName') last ??= value;
		else if (role.type === 'country') {
			country ??= value.toUpperCase();
			traits.country = value;
		} else if (role.type === 'identity') found.push({ kind: role.kind, value });
		else if (role.type === 'trait') traits[role.key] = value;
	});
	if (!found.length) return { error: 'no usable identifier: the row has no e-mail, phone or id' };
	const phoneCountry = country && /^[A-Z]{2}$/.test(country) && isSupportedCountry(country) ? country : undefined;
	const identities = found.map(({ kind, value }): RawIdentity => {
		if (kind === 'whatsapp') return whatsappIdentity(value, phoneCountry);
		return kind === 'phone' && phoneCountry ? { kind, value, country: phoneCountry } : { kind, value };
	});
	// A name from the file is set as a trait, so that it overrides a channel's display name.
	name ??= [first, last].filter(Boolean).join(' ') || undefined;
	if (name) traits.name = name;
	return { input: { identities, traits: Object.keys(traits).length ? traits : undefined } };
}
