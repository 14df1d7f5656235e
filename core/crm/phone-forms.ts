import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normalizePhone } from '../identifiers/phone';

/** The ways a CRM may hold one number that its search matches exactly, not as the same number. */
export interface PhoneForms {
	e164: string;
	/** The whole number in digits: 5511987654321. */
	digits: string;
	/** The national significant number, without country code or trunk prefix: 11987654321. */
	national: string;
	/** As people type it: "+55 11 98765 4321", "(11) 98765-4321", "5511987654321", "11987654321", "02079460018" (with its trunk 0), … */
	written: string[];
}

/** The forms of an E.164 number a CRM search should look for; undefined when it isn't one. */
export function phoneForms(e164: string): PhoneForms | undefined {
	const parsed = parsePhoneNumberFromString(e164);
	if (!parsed) return undefined;
	const digits = e164.replace(/\D/g, '');
	const national = parsed.nationalNumber;
	const nationalFormat = parsed.formatNational();
	const written = [e164, parsed.formatInternational(), nationalFormat, digits, nationalFormat.replace(/\D/g, '')];
	return { e164, digits, national, written: [...new Set(written)] };
}

/** A number as a CRM stored it, in E.164 when it says its country (+ or 00); else as it was stored. */
export function storedPhone(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (!text) return undefined;
	const normalized = normalizePhone(text);
	return normalized.ok ? normalized.value : text;
}
