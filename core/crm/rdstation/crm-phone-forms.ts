import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import { normalizePhone } from '../../identifiers/phone';

/** libphonenumber writes "+55 11 98765 4321"; people in Brazil write "+55 11 98765-4321". */
function typedInternational(parsed: PhoneNumber): string {
	if (parsed.country !== 'BR') return parsed.formatInternational();
	return `+${parsed.countryCallingCode} ${parsed.formatNational().replace(/^\((\d+)\)\s*/, '$1 ')}`;
}

/**
 * The spellings of one number RD Station CRM may hold. Its contacts keep phones as people typed
 * them, and its `phone` filter is not documented to normalize, so each is searched in turn:
 * for +5511987654321 "(11) 98765-4321", "11987654321", "+55 11 98765-4321", "+5511987654321",
 * "5511987654321" (the national forms first: what Brazilian users type most).
 */
export function crmPhoneSearchForms(e164: string): string[] {
	const parsed = parsePhoneNumberFromString(e164);
	if (!parsed) return [e164];
	const forms = [parsed.formatNational(), parsed.nationalNumber, typedInternational(parsed), parsed.number, `${parsed.countryCallingCode}${parsed.nationalNumber}`];
	return [...new Set(forms)];
}

/** How a number is written to RD Station CRM: "+55 11 98765-4321", readable and unambiguous. */
export function crmPhoneWritten(e164: string): string {
	const parsed = parsePhoneNumberFromString(e164);
	return parsed ? typedInternational(parsed) : e164;
}

/** A stored phone as E.164 when it can be read as one (national forms in the default country), else as stored. */
export function crmPhoneRead(stored: string, defaultCountry: string): string {
	const result = normalizePhone(stored, defaultCountry);
	return result.ok ? result.value : stored.trim();
}
