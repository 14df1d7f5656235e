import type { INodeProperties } from 'n8n-workflow';
import { defaultCountryProperty } from '../../../customer-properties';
import { IDENTIFIER_KIND_OPTIONS } from '../../../identifier-kinds';

/** Parameters several customer operations share; each operation shows its own copy. */

/** A customer ID as the store writes it (a UUID), for the By ID mode and its check. */
export const CUSTOMER_ID_PATTERN = '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';
export const CUSTOMER_ID_EXAMPLE = '01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11';

/**
 * A customer, picked from a list searched by any identifier or name, or given by ID (its
 * `id` in any output of this node). `searchListMethod` lists the customers that fit.
 */
export function customerLocator(name: string, displayName: string, description: string, searchListMethod = 'searchCustomers'): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Type part of an e-mail, phone, channel ID or name…',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${CUSTOMER_ID_EXAMPLE}`,
				validation: [{ type: 'regex', properties: { regex: CUSTOMER_ID_PATTERN, errorMessage: `A customer ID is a UUID, e.g. ${CUSTOMER_ID_EXAMPLE}` } }],
			},
		],
	};
}

/** An identifier to add or to look a customer up by: its type, its value, and the country of national phones. */
export const identifierProperties = (displayOptions?: INodeProperties['displayOptions']): INodeProperties[] => [
	{ displayName: 'Identifier Type', name: 'identifierKind', type: 'options', options: IDENTIFIER_KIND_OPTIONS, default: 'email', displayOptions },
	{ displayName: 'Identifier', name: 'identifierValue', type: 'string', required: true, default: '', placeholder: 'e.g. ana@example.com', displayOptions },
	{ ...defaultCountryProperty, displayOptions },
];

/**
 * Which customer Get and Forget act on: one picked by the locator, or the one that has an
 * identifier (what a flow usually holds: the e-mail of a form, the phone of a message).
 */
export const findCustomerProperties = (description: string): INodeProperties[] => [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		options: [
			{ name: 'Customer', value: 'customer', description: 'Pick the customer from a list, or give its ID' },
			{ name: 'Identifier', value: 'identifier', description: 'An e-mail, phone, WhatsApp ID or other identifier of the customer' },
		],
		default: 'customer',
	},
	{ ...customerLocator('customer', 'Customer', description), displayOptions: { show: { findBy: ['customer'] } } },
	...identifierProperties({ show: { findBy: ['identifier'] } }),
];
