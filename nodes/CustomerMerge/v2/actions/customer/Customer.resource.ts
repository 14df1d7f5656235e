import type { INodeProperties } from 'n8n-workflow';
import type { CustomerGraph } from '../../../../../core';
import type { ActionOperation } from '../../../../shared/action-router';
import * as addIdentifier from './addIdentifier.operation';
import * as confirm from './confirm.operation';
import * as forget from './forget.operation';
import * as get from './get.operation';
import * as getConsent from './getConsent.operation';
import * as listCustomers from './listCustomers.operation';
import * as merge from './merge.operation';
import * as resolve from './resolve.operation';
import * as setConsent from './setConsent.operation';
import * as unmerge from './unmerge.operation';
import * as updateTraits from './updateTraits.operation';

export { listCustomers, resolve };

/** The operations that act on one customer per item; Resolve, batch-wise, and List Customers, many items per item, are apart. */
export const operations: Record<string, ActionOperation<CustomerGraph>> = { get, addIdentifier, confirm, merge, unmerge, forget, updateTraits, setConsent, getConsent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Add Identifier', value: 'addIdentifier', action: 'Add an identifier to a customer', description: 'Add an e-mail, phone or channel ID to a customer' },
			{
				name: 'Confirm Customer',
				value: 'confirm',
				action: 'Confirm who is writing from a shared phone',
				description: 'Settle which of the customers sharing a phone (a family\'s WhatsApp) wrote the message, e.g. after asking "Who is writing?"',
			},
			{ name: 'Forget Customer', value: 'forget', action: 'Forget a customer', description: "Erase a customer's data and history (right to erasure, GDPR/LGPD)" },
			{ name: 'Get Consent', value: 'getConsent', action: 'Get the consent of a customer', description: "Get a customer's consent now per channel and purpose, and optionally the whole audit trail" },
			{ name: 'Get Customer', value: 'get', action: 'Get a customer', description: "Get a customer's identifiers, traits, channels and recent history" },
			{
				name: 'List Customers',
				value: 'listCustomers',
				action: 'List customers of an audience',
				description: 'List the customers that match traits, tags, channels, consent and last contact, a page at a time',
			},
			{ name: 'Merge Customers', value: 'merge', action: 'Merge two customers', description: 'Merge two customers you know are the same person' },
			{
				name: 'Resolve Customer',
				value: 'resolve',
				action: 'Resolve the customer behind each item',
				description: 'Find or create the customer behind each item, merge duplicates across channels, and record the event in their history',
			},
			{ name: 'Set Consent', value: 'setConsent', action: 'Set the consent of a customer', description: 'Record that a customer subscribed or unsubscribed on a channel, with the evidence' },
			{ name: 'Unmerge Customer', value: 'unmerge', action: 'Undo a merge', description: 'Undo a merge: both customers become again as they were' },
			{ name: 'Update Traits', value: 'updateTraits', action: 'Update customer traits', description: 'Set facts about a customer such as name, language or plan' },
		],
		default: 'resolve',
	},
	...resolve.description,
	...listCustomers.description,
	...Object.values(operations).flatMap((operation) => operation.description),
];
