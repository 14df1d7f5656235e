import type { IWebhookFunctions } from 'n8n-workflow';
import { MemoryDeliveryLedger, StoreDeliveryLedger, type DeliveryLedger } from '../../core/channels/delivery-ledger';
import { openStore, parseStoreLocation, type Database } from '../../core';
import { credentialStoreConfig } from './store';

// One per process: every trigger of every workflow shares it, its keys name the node.
const inMemory = new MemoryDeliveryLedger();
const inStores = new WeakMap<Database, StoreDeliveryLedger>();

/**
 * Where a trigger remembers the deliveries it received: the store, when one is configured for
 * it (its Omnichannel Store credential, or OMNICHANNEL_STORE), so that several webhook
 * processes agree; else this process's memory. Test runs from the editor always use memory,
 * so that trying an event again in the editor does not consume its production delivery.
 */
async function deliveryLedgerFor(context: IWebhookFunctions): Promise<DeliveryLedger> {
	if (context.getMode() === 'manual') return inMemory;
	const config = (await credentialStoreConfig(context)) ?? (process.env.OMNICHANNEL_STORE ? parseStoreLocation() : undefined);
	if (!config) return inMemory;
	const db = await openStore(config);
	let ledger = inStores.get(db);
	if (!ledger) inStores.set(db, (ledger = new StoreDeliveryLedger(db)));
	return ledger;
}

/**
 * The key of one event's delivery to one trigger: each trigger node receives every event once.
 * Event ids are event keys, which name our account since events of version 2: an event
 * received before the upgrade and redelivered after it is not recognised here. The ledger in
 * memory forgets at every restart anyway, and the store's forgets in 8 days; Customer Merge
 * still recognises it by its history row (store/graph-sql insertEvents) and says `duplicate`.
 */
function deliveryKey(context: IWebhookFunctions, eventId: string): string {
	return `${context.getMode() === 'manual' ? 'manual:' : ''}${context.getWorkflow().id ?? ''}:${context.getNode().id}:${eventId}`;
}

/** The events of this request not delivered to this trigger before. */
export async function firstDeliveries<T extends { id: string }>(context: IWebhookFunctions, events: T[]): Promise<T[]> {
	if (!events.length) return [];
	const keys = events.map((event) => deliveryKey(context, event.id));
	const claimed = await (await deliveryLedgerFor(context)).claim(keys);
	// An event twice in one payload is claimed once and emitted once.
	return events.filter((_event, index) => claimed.delete(keys[index]));
}
