/**
 * The time zone most of a country's people live in, by ISO 3166 code: the guess for a customer
 * whose only clue is their phone number. A table rather than a library: the package has no
 * dependency that knows it, and a country's main zone hardly ever changes. Countries spread
 * over several zones (Brazil, the United States, Mexico, Russia…) get the zone of most of
 * their people; a `timeZone` trait is the way to be exact.
 */
export const COUNTRY_MAIN_ZONES: Readonly<Record<string, string>> = {
	// The Americas
	AR: 'America/Argentina/Buenos_Aires', BO: 'America/La_Paz', BR: 'America/Sao_Paulo', CA: 'America/Toronto', CL: 'America/Santiago',
	CO: 'America/Bogota', CR: 'America/Costa_Rica', CU: 'America/Havana', DO: 'America/Santo_Domingo', EC: 'America/Guayaquil',
	GT: 'America/Guatemala', HN: 'America/Tegucigalpa', JM: 'America/Jamaica', MX: 'America/Mexico_City', NI: 'America/Managua',
	PA: 'America/Panama', PE: 'America/Lima', PR: 'America/Puerto_Rico', PY: 'America/Asuncion', SV: 'America/El_Salvador',
	US: 'America/New_York', UY: 'America/Montevideo', VE: 'America/Caracas',
	// Europe
	AT: 'Europe/Vienna', BE: 'Europe/Brussels', BG: 'Europe/Sofia', CH: 'Europe/Zurich', CY: 'Asia/Nicosia', CZ: 'Europe/Prague',
	DE: 'Europe/Berlin', DK: 'Europe/Copenhagen', EE: 'Europe/Tallinn', ES: 'Europe/Madrid', FI: 'Europe/Helsinki', FR: 'Europe/Paris',
	GB: 'Europe/London', GR: 'Europe/Athens', HR: 'Europe/Zagreb', HU: 'Europe/Budapest', IE: 'Europe/Dublin', IS: 'Atlantic/Reykjavik',
	IT: 'Europe/Rome', LT: 'Europe/Vilnius', LU: 'Europe/Luxembourg', LV: 'Europe/Riga', MT: 'Europe/Malta', NL: 'Europe/Amsterdam',
	NO: 'Europe/Oslo', PL: 'Europe/Warsaw', PT: 'Europe/Lisbon', RO: 'Europe/Bucharest', RS: 'Europe/Belgrade', RU: 'Europe/Moscow',
	SE: 'Europe/Stockholm', SI: 'Europe/Ljubljana', SK: 'Europe/Bratislava', TR: 'Europe/Istanbul', UA: 'Europe/Kyiv',
	// Africa and the Middle East
	AE: 'Asia/Dubai', AO: 'Africa/Luanda', CV: 'Atlantic/Cape_Verde', EG: 'Africa/Cairo', GH: 'Africa/Accra', GQ: 'Africa/Malabo',
	GW: 'Africa/Bissau', IL: 'Asia/Jerusalem', KE: 'Africa/Nairobi', MA: 'Africa/Casablanca', MZ: 'Africa/Maputo', NG: 'Africa/Lagos',
	SA: 'Asia/Riyadh', ST: 'Africa/Sao_Tome', ZA: 'Africa/Johannesburg',
	// Asia and Oceania
	AU: 'Australia/Sydney', CN: 'Asia/Shanghai', HK: 'Asia/Hong_Kong', ID: 'Asia/Jakarta', IN: 'Asia/Kolkata', JP: 'Asia/Tokyo',
	KR: 'Asia/Seoul', MO: 'Asia/Macau', MY: 'Asia/Kuala_Lumpur', NZ: 'Pacific/Auckland', PH: 'Asia/Manila', SG: 'Asia/Singapore',
	TH: 'Asia/Bangkok', TL: 'Asia/Dili', TW: 'Asia/Taipei', VN: 'Asia/Ho_Chi_Minh',
};
