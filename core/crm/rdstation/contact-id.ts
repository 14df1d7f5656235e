import { CrmError } from '../types';

/** The two RD Station products: each has its own API, credential and contact ids. */
export type RdStationProduct = 'crm' | 'marketing';

/**
 * Both products' records are identifiers of the one kind `rdstation`, and a customer can be in
 * both: a CRM contact id (24 hex digits) and a Marketing contact uuid. Without a prefix the
 * store could not tell them apart, an adapter handed the other product's id would call its API
 * with it and answer "not found", and a customer found in one product would look like the same
 * record as in the other. So every id this package hands out is `crm:<id>` or `marketing:<uuid>`,
 * in `CrmContact.id`, `CrmCustomer.crmId` and the stored identifier alike.
 */
export const RD_STATION_ID_PREFIX: Record<RdStationProduct, string> = { crm: 'crm:', marketing: 'marketing:' };

export const RD_STATION_PRODUCT_NAME: Record<RdStationProduct, string> = { crm: 'RD Station CRM', marketing: 'RD Station Marketing' };

// CRM ids are 24 hex digits today; any URL-safe id is accepted should that change.
const CRM_ID = /^[0-9a-z_-]{8,64}$/i;
const MARKETING_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function rdStationContactId(product: RdStationProduct, id: string): string {
	return `${RD_STATION_ID_PREFIX[product]}${id}`;
}

/**
 * The product's own id from one of our ids. A bare id in the product's shape is accepted too
 * (pasted from RD Station's screens); the other product's id is refused in words.
 */
export function parseRdStationContactId(product: RdStationProduct, value: string): string {
	const text = (value ?? '').trim();
	const other: RdStationProduct = product === 'crm' ? 'marketing' : 'crm';
	if (text.startsWith(RD_STATION_ID_PREFIX[other])) {
		throw new CrmError(
			'rdstation',
			`"${text}" is an ${RD_STATION_PRODUCT_NAME[other]} contact, but this step works on ${RD_STATION_PRODUCT_NAME[product]}. Choose ${RD_STATION_PRODUCT_NAME[other]} as the product, or use the contact's ${RD_STATION_PRODUCT_NAME[product]} id.`,
			{ code: 'WRONG_PRODUCT' },
		);
	}
	const id = text.startsWith(RD_STATION_ID_PREFIX[product]) ? text.slice(RD_STATION_ID_PREFIX[product].length) : text;
	const shape = product === 'crm' ? CRM_ID : MARKETING_UUID;
	if (!shape.test(id)) {
		const expected = product === 'crm' ? 'letters and digits, e.g. crm:65f1c2a9e4b0a1001c2d3e4f' : 'a uuid, e.g. marketing:c2f3d2b4-1d2e-4f3a-9b8c-7d6e5f4a3b21';
		throw new CrmError('rdstation', `"${text}" is not an ${RD_STATION_PRODUCT_NAME[product]} contact id: expected ${expected}.`, { code: 'INVALID_ID' });
	}
	return id;
}
