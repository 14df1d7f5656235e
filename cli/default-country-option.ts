import { isSupportedCountry } from 'libphonenumber-js/max';
import type { OptionValues } from './command';
import { stringOption } from './command';
import { usageError } from './cli-io';

/** `--default-country`, for phone numbers written without a country code. */
export const DEFAULT_COUNTRY_OPTION = { 'default-country': { type: 'string' } } as const;

export const DEFAULT_COUNTRY_HELP = `  --default-country <CC>
      Country for phone numbers written without + and a country code, as an ISO 3166 code
      (BR, MX, US…). Without it such numbers are not used.`;

/** A two-letter country code libphonenumber knows, upper-cased; a usage error otherwise. */
export function countryCode(value: string | undefined, option = '--default-country'): string | undefined {
	if (value === undefined) return undefined;
	const code = value.trim().toUpperCase();
	if (!/^[A-Z]{2}$/.test(code) || !isSupportedCountry(code)) {
		throw usageError(`${option} ${value}: expected a two-letter country code such as BR, MX or US`);
	}
	return code;
}

export function defaultCountry(values: OptionValues): string | undefined {
	return countryCode(stringOption(values, 'default-country'));
}
