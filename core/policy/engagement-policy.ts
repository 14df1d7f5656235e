import { withConflictRetry } from '../identity/conflict-retry';
import { currentCustomerId, isCustomerId } from '../store/customer-sql';
import type { Database, SqlClient } from '../store/database';
import { lockCurrentCustomers } from '../store/engagement-facts-sql';
import { sendsOfMessage, type EngagementSend } from '../store/engagement-sends-sql';
import type { EngagementRequest } from './campaign-message';
import { decideLockedBatch, type LockedCustomer } from './decide-batch';
import type { EngagementDecision } from './decision';

export type { LockedCustomer } from './decide-batch';

/** A request the policy can't carry out as asked; the message says what to do instead. */
export class EngagementPolicyError extends Error {}

/** No customer has this id (nor had it before a merge). */
export class UnknownCustomerError extends EngagementPolicyError {
	constructor(readonly customerId: string) {
		super(`No customer with id "${customerId}": it may have been forgotten, or the id is mistyped`);
	}
}

/**
 * Locks the customers these ids stand for (following merges) until the transaction ends, in id
 * order so that workers never deadlock: decisions about one customer happen one at a time. Each
 * id maps to its locked customer, or to the error that says there is none.
 */
export async function lockCustomersOf(tx: SqlClient, ids: string[]): Promise<Map<string, LockedCustomer | UnknownCustomerError>> {
	const asked = [...new Set(ids.map((id) => id.trim()))];
	const rows = new Map((await lockCurrentCustomers(tx, asked.filter(isCustomerId))).map((row) => [row.asked, row]));
	const locked = new Map<string, LockedCustomer | UnknownCustomerError>();
	for (const id of asked) {
		const row = rows.get(id.toLowerCase());
		if (!row) {
			locked.set(id, new UnknownCustomerError(id));
			continue;
		}
		// Merged away between the look-up and the lock: the caller's retry finds the survivor.
		if (row.merged_into) throw Object.assign(new Error('the customer was merged while deciding'), { code: '40001' });
		locked.set(id, { id: row.id, traits: row.traits });
	}
	return locked;
}

/** Locks one customer (following merges) until the transaction ends. */
export async function lockCustomer(tx: SqlClient, id: string): Promise<LockedCustomer> {
	const locked = (await lockCustomersOf(tx, [id])).get(id.trim())!;
	if (locked instanceof Error) throw locked;
	return locked;
}

/** The decision for one message to one locked customer, and the send it claims (see decideLockedBatch). */
export async function decideLocked(tx: SqlClient, locked: LockedCustomer, request: EngagementRequest, now: number): Promise<EngagementDecision> {
	return (await decideLockedBatch(tx, [{ customer: locked, request }], now))[0];
}

/** One message for one customer (an id; merged ids lead to the survivor). */
export interface EngagementItem {
	customerId: string;
	request: EngagementRequest;
}

/** What became of one item of a batch: its decision, or why there is none (no such customer). */
export type EngagementOutcome = { decision: EngagementDecision } | { error: UnknownCustomerError };

/** Decisions about whom to message, when and on which channel, over one store. */
export class EngagementPolicy {
	constructor(readonly db: Database) {}

	/** Decides one message for one customer (an id; merged ids lead to the survivor), claiming its send when it goes now. */
	async decide(customerId: string, request: EngagementRequest, now = Date.now()): Promise<EngagementDecision> {
		const [outcome] = await this.decideMany([{ customerId, request }], now);
		if ('error' in outcome) throw outcome.error;
		return outcome.decision;
	}

	/**
	 * Decides a batch of messages (the items of one node run) in one transaction: the customers
	 * locked at once in id order, their facts read set-based, the decisions made in memory in
	 * the items' order and the sends claimed in one statement. Outcomes come in the items' order.
	 * With `failOnUnknownCustomer` an item of no customer throws its error and nothing of the
	 * batch is decided or claimed.
	 */
	decideMany(items: EngagementItem[], now = Date.now(), options: { failOnUnknownCustomer?: boolean } = {}): Promise<EngagementOutcome[]> {
		if (!items.length) return Promise.resolve([]);
		return withConflictRetry(() =>
			this.db.transaction(async (tx) => {
				const locked = await lockCustomersOf(
					tx,
					items.map((item) => item.customerId),
				);
				const customerOf = (item: EngagementItem) => locked.get(item.customerId.trim())!;
				const unknown = options.failOnUnknownCustomer ? items.map(customerOf).find((customer) => customer instanceof Error) : undefined;
				if (unknown) throw unknown;
				const decidable = items.filter((item) => !(customerOf(item) instanceof Error));
				const decisions = await decideLockedBatch(
					tx,
					decidable.map((item) => ({ customer: customerOf(item) as LockedCustomer, request: item.request })),
					now,
				);
				let next = 0;
				return items.map((item): EngagementOutcome => {
					const customer = customerOf(item);
					return customer instanceof Error ? { error: customer } : { decision: decisions[next++] };
				});
			}),
		);
	}

	/** The customer's sends of a message, oldest first. */
	async sendsOf(customerId: string, messageKey: string): Promise<EngagementSend[]> {
		const id = await currentCustomerId(this.db, customerId.trim());
		return id ? await sendsOfMessage(this.db, id, messageKey) : [];
	}
}
