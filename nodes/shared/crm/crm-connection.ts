import type { IExecuteFunctions } from 'n8n-workflow';
import { Conversations, CustomerOperationError, type CustomerGraph, type Database } from '../../../core';
import { MemoryActivityLedger, StoreActivityLedger, type ActivityLedger, type CrmAdapter, type CrmCustomer } from '../../../core/crm';
import { openCustomerGraph } from '../../CustomerMerge/open-customer-graph';
import { STORE_CREDENTIAL } from '../store';
import type { CrmNodeDefinition } from './crm-definition';

/** What a CRM node's operations work with for one run. */
export interface CrmConnection {
	definition: CrmNodeDefinition;
	adapter: CrmAdapter;
	/** The store, when one is configured: customers get their CRM id, conversations their transcript. */
	store?: { graph: CustomerGraph; conversations: Conversations };
	ledger: ActivityLedger;
}

// Without a store: one per process, its keys name the CRM and the contact.
const inMemory = new MemoryActivityLedger();
const inStores = new WeakMap<Database, StoreActivityLedger>();

/**
 * The store Customer Merge uses: the node's Omnichannel Store credential's, else OMNICHANNEL_STORE's,
 * else the default embedded one, when the customer comes from the item (Customer Merge put it
 * there, from that store). Customers mapped from fields (a form, a spreadsheet) write nothing
 * anywhere but the CRM unless a store is configured.
 */
async function openStore(context: IExecuteFunctions): Promise<CrmConnection['store']> {
	const configured = Boolean(context.getNode().credentials?.[STORE_CREDENTIAL] || process.env.OMNICHANNEL_STORE);
	if (!configured && context.getNodeParameter('customerSource', 0, 'item') !== 'item') return undefined;
	const graph = await openCustomerGraph(context);
	return { graph, conversations: new Conversations(graph.db) };
}

export async function connectCrm(context: IExecuteFunctions, definition: CrmNodeDefinition): Promise<CrmConnection> {
	const adapter = await definition.adapter(context, (name, fallback) => context.getNodeParameter(name, 0, fallback));
	const store = await openStore(context);
	let ledger: ActivityLedger = inMemory;
	if (store) {
		let inStore = inStores.get(store.graph.db);
		if (!inStore) inStores.set(store.graph.db, (inStore = new StoreActivityLedger(store.graph.db)));
		ledger = inStore;
	}
	return { definition, adapter, store, ledger };
}

/**
 * Adds the contact's record id to the customer's identifiers (kind = the CRM), so that the next
 * event of this customer needs no search. Returns why it could not, in words, or undefined.
 */
export async function linkContact(connection: CrmConnection, customer: CrmCustomer | undefined, contactId: string): Promise<string | undefined> {
	const { store, definition } = connection;
	if (!store || !customer?.id || customer.crmId === contactId) return undefined;
	try {
		await store.graph.addIdentifier(customer.id, { kind: definition.crm, value: contactId });
		return undefined;
	} catch (error) {
		if (!(error instanceof CustomerOperationError)) throw error;
		return `The ${definition.crmName} contact ${contactId} was not recorded on customer ${customer.id}: ${error.message}`;
	}
}
