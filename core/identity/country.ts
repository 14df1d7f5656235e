import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';

/** What a country must look like, for messages: "<field> must be …". */
export const COUNTRY_CODE_RULE = 'must be a two-letter country code such as "BR"';

/** The ISO 3166 code `value` names (any case, trimmed) when phone numbering knows it; undefined otherwise, whatever `value` is. */
export function countryCode(value: unknown): CountryCode | undefined {
	if (typeof value !== 'string') return undefined;
	const code = value.trim().toUpperCase();
	return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code) ? code : undefined;
}
