import type { Database } from '../store/database';
import { claimDeliveries, pruneDeliveries } from '../store/deliveries-sql';

/**
 * Tells an event's first delivery from the provider's redeliveries, so that a retry starts
 * nothing. Keys are claimed atomically: of two requests carrying the same event, at the same
 * moment or days apart, exactly one gets it.
 */
export interface DeliveryLedger {
	/** Claims these keys; returns the ones claimed now, that is, never claimed before. */
	claim(keys: string[]): Promise<Set<string>>;
}

/** How many deliveries a process remembers without a store: hours of traffic for most numbers. */
const REMEMBERED_IN_MEMORY = 50_000;

/**
 * Deliveries remembered in this process only, the most recent first to stay. Exact while one
 * process receives the webhooks (n8n's regular mode); forgotten at restart.
 */
export class MemoryDeliveryLedger implements DeliveryLedger {
	private readonly seen = new Set<string>();

	constructor(private readonly capacity = REMEMBERED_IN_MEMORY) {}

	async claim(keys: string[]): Promise<Set<string>> {
		const claimed = new Set<string>();
		for (const key of keys) {
			if (this.seen.has(key)) continue;
			this.seen.add(key);
			claimed.add(key);
		}
		// A Set iterates in insertion order: the oldest keys go first.
		for (const key of this.seen) {
			if (this.seen.size <= this.capacity) break;
			this.seen.delete(key);
		}
		return claimed;
	}
}

/** How long the store remembers a delivery: Meta retries failed webhooks for up to 7 days. */
const DELIVERY_RETENTION_DAYS = 8;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Deliveries remembered in the store: every webhook process and queue-mode worker agrees. */
export class StoreDeliveryLedger implements DeliveryLedger {
	private lastPruned = 0;

	constructor(private readonly db: Database) {}

	async claim(keys: string[]): Promise<Set<string>> {
		if (Date.now() - this.lastPruned > PRUNE_EVERY_MS) {
			this.lastPruned = Date.now();
			await pruneDeliveries(this.db, DELIVERY_RETENTION_DAYS);
		}
		return await claimDeliveries(this.db, keys);
	}
}
