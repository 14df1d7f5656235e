import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { credentialTest } from '../../CustomerMerge/store-credential-test';
import { STORE_CREDENTIAL } from '../store';
import { optionSubtitle } from '../subtitle';
import * as eraseContact from './actions/eraseContact.operation';
import * as findContact from './actions/findContact.operation';
import * as logConversation from './actions/logConversation.operation';
import * as upsertContact from './actions/upsertContact.operation';
import { connectCrm } from './crm-connection';
import type { CrmNodeDefinition } from './crm-definition';
import { eachCrmItem } from './crm-items';
import { crmNodeError } from './crm-node-error';

function operationProperty(crmName: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Erase Contact', value: 'eraseContact', action: `Erase a contact in ${crmName}`, description: `Delete the customer's ${crmName} contact for the right to erasure (GDPR/LGPD)` },
			{ name: 'Find Contact', value: 'findContact', action: `Find the contact of a customer in ${crmName}`, description: `Find the customer's ${crmName} contact by any e-mail, phone or its ID` },
			{ name: 'Log Conversation', value: 'logConversation', action: `Log a conversation in ${crmName}`, description: `Put the message or the conversation's transcript on the contact's ${crmName} timeline, once` },
			{ name: 'Upsert Contact', value: 'upsertContact', action: `Create or update a contact in ${crmName}`, description: `Create or update the customer's ${crmName} contact with their name, phone and mapped fields` },
		],
		default: 'findContact',
	};
}

/** The node's parameters: authentication, the operation, each operation's own, then the Options. */
function crmProperties(definition: CrmNodeDefinition): INodeProperties[] {
	const options: INodeProperties[] = definition.options?.length
		? [{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options: definition.options }]
		: [];
	return [
		...(definition.authentication ?? []),
		operationProperty(definition.crmName),
		...findContact.description(definition),
		...upsertContact.description(definition),
		...logConversation.description(definition),
		...eraseContact.description(definition),
		...options,
	];
}

/** The description of a CRM node: the same four operations for every CRM, under its own name, icon and credentials. */
export function crmNodeDescription(definition: CrmNodeDefinition): INodeTypeDescription {
	const properties = crmProperties(definition);
	const credentials = [...definition.credentials, { name: STORE_CREDENTIAL, displayName: 'Customer Store', required: false, testedBy: 'omnichannelStoreTest' }];
	return {
		displayName: definition.displayName,
		name: definition.name,
		icon: definition.icon as INodeTypeDescription['icon'],
		group: ['transform'],
		version: 1,
		subtitle: optionSubtitle(properties),
		description: `Find, create and update the customer's ${definition.crmName} contact, log conversations on its timeline, and erase it`,
		defaults: { name: definition.crmName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials,
		properties,
	};
}

/** The editor's lists: the CRM's contact properties that a mapping can write. */
export function crmNodeMethods(definition: CrmNodeDefinition) {
	return {
		credentialTest,
		loadOptions: {
			async getContactProperties(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				try {
					const adapter = await definition.adapter(this, (name, fallback) => this.getNodeParameter(name, fallback));
					return (await adapter.listProperties()).filter((property) => property.writable).map((property) => ({ name: property.label, value: property.name, description: `${property.name} (${property.type})` }));
				} catch (error) {
					throw crmNodeError(this.getNode(), error);
				}
			},
		},
	};
}

const PER_ITEM = { findContact, logConversation, eraseContact };

/** The node's execute: Upsert takes the whole input at once (batches); every other operation is one call per item. */
export async function executeCrmNode(context: IExecuteFunctions, definition: CrmNodeDefinition): Promise<INodeExecutionData[][]> {
	const operation = context.getNodeParameter('operation', 0) as string;
	const connection = await connectCrm(context, definition);
	if (operation === 'upsertContact') return await upsertContact.executeAll(context, connection);
	const action = Object.hasOwn(PER_ITEM, operation) ? PER_ITEM[operation as keyof typeof PER_ITEM] : undefined;
	if (!action) throw crmNodeError(context.getNode(), new Error(`Unknown operation "${operation}"`));
	return await eachCrmItem(context, async (itemIndex) => await action.execute.call(context, itemIndex, connection));
}
