import { CRM_KINDS, IDENTITY_KINDS, type Identity, type IdentityKind } from '../model';
import { countryCode, COUNTRY_CODE_RULE } from './country';
import { identifierText } from './identifier-text';
import { normalizePhone, normalizeWhatsAppId, type NormalizeResult } from './phone';
import { normalizeEmail } from '../identifiers/email';
import { quoteText } from './well-formed-text';

/** An identifier as it arrives from an event, an import or a user's mapping, before normalization. */
export interface RawIdentity {
	/** An identity kind, or `whatsapp` for a WhatsApp id (it becomes a `phone`). */
	kind: string;
	value: unknown;
	/** Country for phones written in national format, e.g. "BR"; anything else given here is refused with the reason. */
	country?: unknown;
}

export type NormalizedIdentity = { ok: true; identity: Identity } | { ok: false; reason: string };

const MAX_IDENTIFIER_LENGTH = 512;

export { normalizeEmail };

/** Page-scoped (Messenger) and account-scoped (Instagram) ids only mean something with their scope. */
function normalizeScopedId(kind: string, input: string): NormalizeResult {
	const value = input.trim();
	return /^[^:\s]+:[^:\s]+$/.test(value)
		? { ok: true, value }
		: { ok: false, reason: `a ${kind} id must be written "<${kind === 'messenger' ? 'pageId' : 'igAccountId'}>:<userId>", got "${input}"` };
}

function normalizePlainId(kind: string, input: string): NormalizeResult {
	const value = input.trim();
	if (!value) return { ok: false, reason: `empty ${kind} id` };
	if (kind === 'telegram' && !/^-?\d+$/.test(value)) return { ok: false, reason: `a telegram user id is a number, got "${input}"` };
	return { ok: true, value };
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && !value.trim());

/** The country a national phone number is read in: the identifier's own, else the default; blank means none. */
function phoneCountry(own: unknown, fallback: unknown): { ok: true; value?: string } | { ok: false; reason: string } {
	const given = isBlank(own) ? fallback : own;
	if (isBlank(given)) return { ok: true };
	const code = countryCode(given);
	return code ? { ok: true, value: code } : { ok: false, reason: `country ${typeof given === 'string' ? quoteText(given) : JSON.stringify(given)} ${COUNTRY_CODE_RULE}` };
}

function isKind(kind: string): kind is IdentityKind {
	return (IDENTITY_KINDS as readonly string[]).includes(kind);
}

/** Turns one raw identifier into the normalized form the store matches on, or says why it can't. */
export function normalizeIdentity(raw: RawIdentity, defaultCountry?: string): NormalizedIdentity {
	const kind = String(raw.kind ?? '').trim().toLowerCase();
	if (raw.value === null || raw.value === undefined || typeof raw.value === 'object') {
		return { ok: false, reason: `${kind || 'identifier'} has no value` };
	}
	const cleaned = identifierText(String(raw.value));
	if (!cleaned.ok) return cleaned;
	const text = cleaned.value;
	let result: NormalizeResult;
	let identityKind: IdentityKind;
	if (kind === 'whatsapp') {
		identityKind = 'phone';
		result = normalizeWhatsAppId(text);
	} else if (!isKind(kind)) {
		return { ok: false, reason: `unknown identifier kind ${quoteText(String(raw.kind))}; use one of whatsapp, ${IDENTITY_KINDS.join(', ')}` };
	} else {
		identityKind = kind;
		if (kind === 'phone') {
			const country = phoneCountry(raw.country, defaultCountry);
			if (!country.ok) return country;
			result = normalizePhone(text, country.value);
		} else if (kind === 'email') result = normalizeEmail(text);
		else if (kind === 'messenger' || kind === 'instagram') result = normalizeScopedId(kind, text);
		else result = normalizePlainId(kind, text);
	}
	if (!result.ok) return result;
	// No real identifier is this long, and the store's unique index can't hold one that is.
	if (result.value.length > MAX_IDENTIFIER_LENGTH) return { ok: false, reason: `${kind} is ${result.value.length} characters long, too long to be an identifier` };
	return { ok: true, identity: { kind: identityKind, value: result.value } };
}

export const isCrmKind = (kind: string) => (CRM_KINDS as readonly string[]).includes(kind);
