import type { INodeProperties } from 'n8n-workflow';
import { defaultCountryProperty } from '../../CustomerMerge/customer-properties';
import type { CrmNodeDefinition } from './crm-definition';

/** Parameters several CRM operations share; each operation shows its own copy. */

/** Where the customer comes from: Customer Merge's `customer` on the item, or fields mapped by hand. */
export function customerProperties(definition: CrmNodeDefinition): INodeProperties[] {
	const fields = { show: { customerSource: ['fields'] } };
	return [
		{
			displayName: 'Customer',
			name: 'customerSource',
			type: 'options',
			options: [
				{
					name: 'Customer on the Item',
					value: 'item',
					description: `The customer Customer Merge put on the item: every e-mail and phone, and the ${definition.crmName} ID it already has`,
				},
				{ name: 'Mapped Fields', value: 'fields', description: 'An e-mail, a phone and a name mapped from the item (a form, a spreadsheet row)' },
			],
			default: 'item',
		},
		{ displayName: 'E-Mail', name: 'email', type: 'string', placeholder: 'e.g. maria@example.com', default: '', displayOptions: fields },
		{ displayName: 'Phone', name: 'phone', type: 'string', placeholder: 'e.g. +55 11 98765-4321', default: '', description: 'With + and the country code, or national with the default country', displayOptions: fields },
		{ ...defaultCountryProperty, displayOptions: fields },
		{ displayName: 'Name', name: 'name', type: 'string', placeholder: 'e.g. Maria Silva', default: '', displayOptions: fields },
	];
}

export const contactIdProperty = (definition: CrmNodeDefinition, description: string): INodeProperties => ({
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	default: '',
	placeholder: `e.g. ${definition.contactIdExample}`,
	description,
});
