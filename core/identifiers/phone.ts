import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type { CountryCode };

export type NormalizeResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Fixes the ways one mobile number is written differently across channels, so that every
 * spelling of it resolves to the same E.164 string:
 * - Brazil: mobiles gained a leading 9 in 2016, but WhatsApp still reports old accounts
 *   without it (55 11 8765-4321 is +55 11 98765-4321).
 * - Mexico: WhatsApp ids keep the legacy "1" after +52 (521 55… is +52 55…), and people
 *   still dial the retired 044/045 mobile prefixes.
 * Argentina's "15" national prefix and "9" mobile marker are handled by libphonenumber.
 */
function canonicalNationalNumber(country: string | undefined, national: string): string {
	if (country === 'BR' && /^[1-9][1-9][6-9]\d{7}$/.test(national)) {
		return `${national.slice(0, 2)}9${national.slice(2)}`;
	}
	if (country === 'MX' && /^1\d{10}$/.test(national)) return national.slice(1);
	if (country === 'MX' && /^04[45]\d{10}$/.test(national)) return national.slice(3);
	return national;
}

// Parsing is the costliest step of resolution and the same senders write again and again.
const recent = new Map<string, NormalizeResult>();
const RECENT_MAX = 20_000;

/** Normalizes a phone number written in any format to E.164; national formats need a default country. */
export function normalizePhone(input: string, defaultCountry?: string): NormalizeResult {
	const key = `${defaultCountry ?? ''}|${input}`;
	let result = recent.get(key);
	if (!result) {
		if (recent.size >= RECENT_MAX) recent.clear();
		result = parsePhone(input, defaultCountry);
		recent.set(key, result);
	}
	return result;
}

function parsePhone(input: string, defaultCountry?: string): NormalizeResult {
	const text = input.trim();
	if (!/\d/.test(text)) return { ok: false, reason: `"${input}" is not a phone number` };
	const country = defaultCountry?.trim().toUpperCase() || undefined;
	const international = text.startsWith('+') || text.startsWith('00');
	if (!international && !country) {
		return { ok: false, reason: `"${input}" has no country code: write it with + and the country code, or set a default country` };
	}
	const parsed = parsePhoneNumberFromString(text.startsWith('00') ? `+${text.slice(2)}` : text, country as CountryCode);
	if (!parsed) return { ok: false, reason: `"${input}" is not a phone number` };
	const national = canonicalNationalNumber(parsed.country, parsed.nationalNumber);
	const candidate = parsePhoneNumberFromString(`+${parsed.countryCallingCode}${national}`);
	if (!candidate?.isPossible()) return { ok: false, reason: `"${input}" is not a possible phone number in ${parsed.country ?? `+${parsed.countryCallingCode}`}` };
	return { ok: true, value: candidate.number };
}

/** A WhatsApp id (wa_id) is the international number in digits, without "+". */
export function normalizeWhatsAppId(waId: string): NormalizeResult {
	const digits = waId.trim().replace(/^\+/, '').replace(/@.*$/, '');
	if (!/^\d{8,15}$/.test(digits)) return { ok: false, reason: `"${waId}" is not a WhatsApp id (international number in digits)` };
	return normalizePhone(`+${digits}`);
}
