import type { INodeProperties } from 'n8n-workflow';
import { IDENTIFIER_KIND_OPTIONS } from './identifier-kinds';

/**
 * Parameters both versions of the node offer, alike: each version shows them for its own
 * operations. Resolve reads them in resolve-items.ts, by these names.
 */

export const defaultCountryProperty: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'string',
	default: '',
	placeholder: 'BR',
	description: 'Two-letter country code for phone numbers written without + and country code, e.g. BR, MX, US',
};

export const historyLimitProperty: INodeProperties = {
	displayName: 'History Events',
	name: 'historyLimit',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1000 },
	default: 10,
	description: "How many of the customer's most recent events, across every channel, to include in the output",
};

const fields = { show: { identifyBy: ['fields'] } };

/** How Resolve reads each item: a channel event, or identifiers mapped from any item. */
export const identifyByProperties: INodeProperties[] = [
	{
		displayName: 'Identify By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'Channel Event', value: 'event', description: 'Items are events from an Omnichannel trigger or send node' },
			{ name: 'Mapped Fields', value: 'fields', description: 'Map e-mail, phone and other identifiers from any item, e.g. a form or a CRM record' },
		],
		default: 'event',
	},
	{ displayName: 'E-Mail', name: 'email', type: 'string', default: '', placeholder: 'e.g. {{ $json.email }}', displayOptions: fields },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. {{ $json.phone }}', displayOptions: fields },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "The customer's name; fills the name trait when it is empty", displayOptions: fields },
	{
		displayName: 'Other Identifiers',
		name: 'otherIdentifiers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Identifier',
		displayOptions: fields,
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
];

export const resolveOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
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
		},		{
			displayName: 'Opt-In Keywords',
			name: 'optInKeywords',
			type: 'string',
			default: '',
			placeholder: 'e.g. START, VOLTAR, ALTA',
			description: 'Comma-separated words that, written as the whole message, subscribe the customer to marketing on that channel again. Empty: English, Portuguese, Spanish and Polish defaults (START, VOLTAR, ALTA, ZAPISZ…).',
		},
		{
			displayName: 'Opt-Out Keywords',
			name: 'optOutKeywords',
			type: 'string',
			default: '',
			placeholder: 'e.g. STOP, PARAR, SAIR, BAJA',
			description: 'Comma-separated words that, written as the whole message, unsubscribe the customer from marketing on that channel. Empty: English, Portuguese, Spanish and Polish defaults (STOP, PARAR, SAIR, CANCELAR, BAJA, WYPISZ…).',
		},

		{
			displayName: 'Record Event in History',
			name: 'recordEvent',
			type: 'boolean',
			default: true,
			description: "Whether to add each channel event to the customer's history (a redelivered event is recorded once)",
		},
	],
};

export const traitProperties: INodeProperties[] = [
	{
		displayName: 'Traits',
		name: 'traits',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Trait',
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
	},
];
