import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { phoneForms } from '../phone-forms';

/**
 * Pipedrive's person search matches a phone only as it was typed into Pipedrive: "+5511987654321"
 * does not find "(11) 98765-4321". So each number is searched in the ways people type it.
 */

/** Pipedrive searches terms of 2 characters or more, 1 with an exact match (the only kind we run). */
const MIN_EXACT_TERM_LENGTH = 1;

/** The spellings of an E.164 number: as is, as printed internationally and nationally, and in digits. */
export function phoneSpellings(e164: string): string[] {
	return searchableTerms(phoneForms(e164)?.written ?? [e164]);
}

/** Trimmed, once each, and long enough for Pipedrive to search. */
export function searchableTerms(values: string[]): string[] {
	return [...new Set(values.map((value) => value.trim()).filter((value) => value.length >= MIN_EXACT_TERM_LENGTH))];
}

/** The country of an E.164 number, to read the national spellings Pipedrive holds back into E.164. */
export function countryOf(e164: string | undefined): string | undefined {
	return e164 ? parsePhoneNumberFromString(e164)?.country : undefined;
}
