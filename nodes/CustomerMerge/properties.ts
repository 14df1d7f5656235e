import type { INodeProperties } from 'n8n-workflow';
import { IDENTIFIER_KIND_OPTIONS } from './identifier-kinds';

const show = (operation: string[], extra: Record<string, string[]> = {}) => ({ show: { operation, ...extra } });

const defaultCountry = (operation: string[]): INodeProperties => ({
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'string',
	default: '',
	placeholder: 'BR',
	description: 'Two-letter country code for phone numbers written without + and country code, e.g. BR, MX, US',
	displayOptions: show(operation),
});

const historyLimit = (operation: string[]): INodeProperties => ({
	displayName: 'History Events',
	name: 'historyLimit',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1000 },
	default: 10,
	description: "How many of the customer's most recent events, across every channel, to include in the output",
	displayOptions: show(operation),
});

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

const resolveProperties: INodeProperties[] = [
	{
		displayName: 'Identify By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'Channel Event', value: 'event', description: 'Items are events from an Omnichannel trigger or send node' },
			{ name: 'Mapped Fields', value: 'fields', description: 'Map e-mail, phone and other identifiers from any item, e.g. a form or a CRM record' },
		],
		default: 'event',
		displayOptions: show(['resolve']),
	},
	{ displayName: 'E-Mail', name: 'email', type: 'string', default: '', placeholder: 'e.g. {{ $json.email }}', displayOptions: show(['resolve'], { identifyBy: ['fields'] }) },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. {{ $json.phone }}', displayOptions: show(['resolve'], { identifyBy: ['fields'] }) },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "The customer's name; fills the name trait when it is empty", displayOptions: show(['resolve'], { identifyBy: ['fields'] }) },
	{
		displayName: 'Other Identifiers',
		name: 'otherIdentifiers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Identifier',
		displayOptions: show(['resolve'], { identifyBy: ['fields'] }),
		options: [
			{
				displayName: 'Identifier',
				name: 'identifier',
				values: [
					{ displayName: 'Type', name: 'kind', type: 'options', options: IDENTIFIER_KIND_OPTIONS, default: 'whatsapp' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	defaultCountry(['resolve', 'get', 'addIdentity', 'forget']),
	historyLimit(['resolve', 'get']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['resolve']),
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: 100,
				description: 'How many items are resolved together, in one transaction; an item the store refuses is set aside and the rest of its batch is stored',
			},
			{
				displayName: 'Extra Blocked Values',
				name: 'blockedValues',
				type: 'string',
				default: '',
				placeholder: 'e.g. sales@mycompany.com, +5511900000000',
				description: 'Comma-separated identifiers never used to match customers, on top of the built-in placeholders (test@test.com, 0000000000…)',
			},
			{
				displayName: 'Import Forgotten Customers',
				name: 'allowForgotten',
				type: 'boolean',
				default: false,
				description: 'Whether a bulk import also imports items of forgotten customers, as new customers; only when those people agreed to be known again',
			},
			{
				displayName: 'Items Are a Bulk Import',
				name: 'bulkImport',
				type: 'boolean',
				default: false,
				description:
					'Whether the items are a bulk import (a CRM export, a spreadsheet, a contact list) rather than live conversations: an item with an e-mail, phone or ID of a forgotten customer is then skipped whole, with a warning, so that an old list does not bring back a person who asked to be erased',
			},
			{
				displayName: 'Max Identifiers per Type',
				name: 'maxPerKind',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: 'How many e-mails or phones one customer may have; a merge that would exceed it is refused and reported as a warning',
			},
			{
				displayName: 'Record Event in History',
				name: 'recordEvent',
				type: 'boolean',
				default: true,
				description: "Whether to add each channel event to the customer's history (a redelivered event is recorded once)",
			},
		],
	},
];

const traitProperties = (operation: string[]): INodeProperties[] => [
	{
		displayName: 'Traits',
		name: 'traits',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Trait',
		displayOptions: show(operation),
		options: [
			{
				displayName: 'Trait',
				name: 'trait',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. language' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. pt-BR' },
				],
			},
		],
	},
	{
		displayName: 'Traits to Remove',
		name: 'removeTraits',
		type: 'string',
		default: '',
		placeholder: 'e.g. coupon, tempNote',
		description: 'Comma-separated names of traits to remove',
		displayOptions: show(operation),
	},
];

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
	...traitProperties(['updateTraits']),
];
