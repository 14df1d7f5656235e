import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A SOQL string literal: the value quoted, with Salesforce's escape sequences for quotes,
 * backslashes and line breaks, so that an e-mail holding a quote stays a value and never
 * becomes part of the query.
 */
export function soqlString(value: string): string {
	const escaped = value
		.replace(/\\/g, '\\\\')
		.replace(/'/g, "\\'")
		.replace(/"/g, '\\"')
		.replace(/\n/g, '\\n')
		.replace(/\r/g, '\\r')
		.replace(/\t/g, '\\t')
		.replace(/\f/g, '\\f')
		.replace(/\x08/g, '\\b');
	return `'${escaped}'`;
}

/** A SOSL search term with its reserved characters (? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -) escaped. */
export function soslTerm(value: string): string {
	return value.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, (character) => `\\${character}`);
}

/**
 * The ways Salesforce users type one number: E.164 (+5511987654321), the national format in
 * digits (11987654321; 02079460000 with the trunk 0), the national number alone, and every
 * digit with the country code (5511987654321). Numbers that are not E.164 are searched as given.
 */
export function phoneSearchForms(phone: string): string[] {
	const parsed = parsePhoneNumberFromString(phone);
	if (!parsed) return [phone.trim()].filter(Boolean);
	const digits = (text: string) => text.replace(/\D/g, '');
	return [...new Set([parsed.number, digits(parsed.formatNational()), parsed.nationalNumber, digits(parsed.number)])];
}
