import type { INodeProperties } from 'n8n-workflow';
import { defaultCountryProperty, historyLimitProperty, identifyByProperties, resolveOptionsProperty, traitProperties } from '../customer-properties';
import { IDENTIFIER_KIND_OPTIONS } from '../identifier-kinds';

const show = (operation: string[], extra: Record<string, string[]> = {}) => ({ show: { operation, ...extra } });

/** Shows a shared parameter for these operations, keeping the conditions it has. */
const forOperations = (operation: string[], property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: show(operation, property.displayOptions?.show as Record<string, string[]> | undefined),
});

const resolveProperties: INodeProperties[] = [
	...identifyByProperties.map((property) => forOperations(['resolve'], property)),
	forOperations(['resolve', 'get', 'addIdentity', 'forget'], defaultCountryProperty),
	forOperations(['resolve', 'get'], historyLimitProperty),
	forOperations(['resolve'], resolveOptionsProperty),
];

const customerId = (name: string, displayName: string, operation: string[], description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3f2b6c1e-8d4a-4b7e-9c1a-2f5e7d9b0a11',
	description,
	displayOptions: show(operation),
});

const findBy = (operation: string[]): INodeProperties[] => [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		options: [
			{ name: 'Customer ID', value: 'id' },
			{ name: 'Identifier', value: 'identifier', description: 'An e-mail, phone, WhatsApp ID or other identifier of the customer' },
		],
		default: 'identifier',
		displayOptions: show(operation),
	},
	{ ...customerId('customerId', 'Customer ID', operation, 'The ID of the customer (an ID that was merged away still finds the customer it was merged into)'), displayOptions: show(operation, { findBy: ['id'] }) },
	{ displayName: 'Identifier Type', name: 'identifierKind', type: 'options', options: IDENTIFIER_KIND_OPTIONS, default: 'email', displayOptions: show(operation, { findBy: ['identifier'] }) },
	{ displayName: 'Identifier', name: 'identifierValue', type: 'string', required: true, default: '', placeholder: 'e.g. ana@example.com', displayOptions: show(operation, { findBy: ['identifier'] }) },
];

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Add Identifier', value: 'addIdentity', action: 'Add an identifier to a customer', description: 'Add an e-mail, phone or channel ID to a customer' },
		{ name: 'Forget Customer', value: 'forget', action: 'Forget a customer', description: "Erase a customer's data and history (right to erasure, GDPR/LGPD)" },
		{ name: 'Get Customer', value: 'get', action: 'Get a customer', description: "Get a customer's identifiers, traits, channels and recent history" },
		{ name: 'Merge Customers', value: 'merge', action: 'Merge two customers', description: 'Merge two customers you know are the same person' },
		{ name: 'Resolve Customer', value: 'resolve', action: 'Resolve the customer behind each item', description: 'Find or create the customer behind each item, merge duplicates across channels, and record the event in their history' },
		{ name: 'Unmerge Customer', value: 'unmerge', action: 'Undo a merge', description: 'Undo a merge: both customers become again as they were' },
		{ name: 'Update Traits', value: 'updateTraits', action: 'Update customer traits', description: 'Set facts about a customer such as name, language or plan' },
	],
	default: 'resolve',
};

export const customerMergeProperties: INodeProperties[] = [
	operationProperty,
	...resolveProperties,
	...findBy(['get', 'forget']),
	customerId('customerId', 'Customer ID', ['addIdentity', 'updateTraits'], 'The ID of the customer to change'),
	{ displayName: 'Identifier Type', name: 'identifierKind', type: 'options', options: IDENTIFIER_KIND_OPTIONS, default: 'email', displayOptions: show(['addIdentity']) },
	{ displayName: 'Identifier', name: 'identifierValue', type: 'string', required: true, default: '', displayOptions: show(['addIdentity']) },
	customerId('primaryCustomerId', 'Customer to Keep', ['merge'], 'The customer that remains; its traits win where both have one'),
	customerId('secondaryCustomerId', 'Customer to Merge Into It', ['merge'], 'The duplicate; its identifiers and history move to the customer to keep'),
	{ displayName: 'Note', name: 'note', type: 'string', default: '', placeholder: 'e.g. Same person, confirmed on the phone', description: 'Why they are the same person; kept in the merge audit', displayOptions: show(['merge']) },
	customerId('mergedCustomerId', 'Merged Customer ID', ['unmerge'], 'The ID of the customer that was merged away (listed in the other customer\'s mergedFrom)'),
	...traitProperties.map((property) => forOperations(['updateTraits'], property)),
];
