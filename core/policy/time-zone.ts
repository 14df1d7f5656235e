import { IANAZone } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Identity, Traits } from '../model';
import { COUNTRY_MAIN_ZONES } from './country-zones';

/** Where a customer's time zone came from, said on the decision so a marketer can check it. */
export type TimeZoneSource = 'trait' | 'phone' | 'default';

export interface CustomerTimeZone {
	zone: string;
	source: TimeZoneSource;
	/** The phone's country, when the zone came from it. */
	country?: string;
}

/** Traits a time zone may be kept under: imports and CRMs spell it differently. */
const ZONE_TRAITS = ['timeZone', 'timezone', 'time_zone'];

export function isTimeZone(zone: unknown): zone is string {
	if (typeof zone !== 'string' || zone.trim() === '') return false;
	// Checked once per name: luxon asks Intl each time, and a campaign asks for every customer.
	let valid = checkedZones.get(zone);
	if (valid === undefined) {
		if (checkedZones.size >= MAX_REMEMBERED) checkedZones.clear();
		valid = IANAZone.isValidZone(zone.trim());
		checkedZones.set(zone, valid);
	}
	return valid;
}

const MAX_REMEMBERED = 1024;
const checkedZones = new Map<string, boolean>();

/**
 * A number's country follows from its calling code and at most four national digits (NANP area
 * codes, the UK's crown dependencies): numbers that share their first 7 characters share it, or
 * (Vatican City in Rome's numbering) a country of the same time zone. A campaign then parses one
 * number per prefix rather than every customer's.
 */
const COUNTRY_PREFIX_LENGTH = 7;
const MAX_PREFIXES = 50_000;
const countriesByPrefix = new Map<string, string>();

function phoneCountry(e164: string): string | undefined {
	const prefix = e164.slice(0, COUNTRY_PREFIX_LENGTH);
	const known = countriesByPrefix.get(prefix);
	if (known) return known;
	const country = parsePhoneNumberFromString(e164)?.country;
	if (country) {
		if (countriesByPrefix.size >= MAX_PREFIXES) countriesByPrefix.clear();
		countriesByPrefix.set(prefix, country);
	}
	return country;
}

/**
 * The customer's time zone: their `timeZone` trait when it names a real zone, else the main
 * zone of their first phone number's country, else `defaultZone`.
 */
export function customerTimeZone(customer: { traits: Traits; identities: Identity[] }, defaultZone: string): CustomerTimeZone {
	for (const name of ZONE_TRAITS) {
		const value = customer.traits[name];
		if (isTimeZone(value)) return { zone: value.trim(), source: 'trait' };
	}
	for (const identity of customer.identities) {
		if (identity.kind !== 'phone') continue;
		const country = phoneCountry(identity.value);
		const zone = country && COUNTRY_MAIN_ZONES[country];
		if (zone) return { zone, source: 'phone', country };
	}
	return { zone: defaultZone, source: 'default' };
}
