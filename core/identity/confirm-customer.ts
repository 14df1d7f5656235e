import { eventKey, type Identity } from '../model';
import type { Database } from '../store/database';
import { customerIdByIdentifier } from '../store/customer-sql';
import { reserveIdentifiers } from '../store/graph-sql';
import { customersSharing, markSharedUsed } from '../store/shared-identifier-sql';
import { CustomerOperationError, inTransaction, requireCustomer } from './customer-operations';
import { identifierWords } from './shared-identifier-rule';

/** The event an item carries, by its key: the one a Confirm moves to the customer confirmed. */
export interface EventRef {
	channel: string;
	account: string;
	externalId: string;
}

/**
 * Settles who is writing from a shared identifier (after a "Who is writing?" question): the
 * customer confirmed becomes its latest user, so the next messages from it are presumed theirs,
 * and the item's event, recorded on whoever was presumed, moves to them. Only one of the
 * customers that share it can be confirmed.
 */
export function confirmCustomer(db: Database, identifier: Identity, customerId: string, event?: EventRef) {
	return inTransaction(db, async (tx) => {
		// Resolution waits on the same reservation: nobody re-links the identifier meanwhile.
		await reserveIdentifiers(tx, [identifier]);
		const id = await requireCustomer(tx, customerId);
		const sharing = await customersSharing(tx, identifier);
		if (!sharing.length) {
			if ((await customerIdByIdentifier(tx, identifier)) === id) return { customerId: id, movedEvent: false };
			throw new CustomerOperationError(`${identifierWords(identifier)} is not shared, and it is not customer ${id}'s: there is nobody to confirm`);
		}
		if (!sharing.includes(id)) {
			throw new CustomerOperationError(`Customer ${id} is not one of the ${sharing.length} customers who share ${identifierWords(identifier)}: confirm one of those the item lists under resolution.shared.customers`);
		}
		await markSharedUsed(tx, [{ identifier, customerId: id }]);
		if (!event) return { customerId: id, movedEvent: false };
		const key = eventKey(event).slice(event.channel.length + 1);
		const moved = await tx.query(
			'UPDATE events SET customer_id = $1 WHERE channel = $2 AND external_id = $3 AND customer_id = ANY($4::uuid[]) AND customer_id <> $1 RETURNING 1',
			[id, event.channel, key, sharing],
		);
		return { customerId: id, movedEvent: moved.length > 0 };
	});
}
