import { countryCode } from '../core';
import type { OptionValues } from './command';
import { stringOption } from './command';
import { usageError } from './cli-io';

/** `--default-country`, for phone numbers written without a country code. */
export const DEFAULT_COUNTRY_OPTION = { 'default-country': { type: 'string' } } as const;

export const DEFAULT_COUNTRY_HELP = `  --default-country <CC>
      Country for phone numbers written without + and a country code, as an ISO 3166 code
      (BR, MX, US…). Without it such numbers are not used.`;

/** `--default-country`: a two-letter country code phone numbering knows, upper-cased; a usage error otherwise. */
export function defaultCountry(values: OptionValues): string | undefined {
	const value = stringOption(values, 'default-country');
	if (value === undefined) return undefined;
	const code = countryCode(value);
	if (!code) throw usageError(`--default-country ${JSON.stringify(value)}: expected a two-letter country code such as BR, MX or US`);
	return code;
}
