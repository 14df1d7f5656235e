import type { Traits } from '../model';
import { latestConsentChanges } from '../store/consent-sql';
import type { SqlClient } from '../store/database';
import { channelEngagementOf, identifiersOf, marketingSendTimesOf } from '../store/engagement-facts-sql';
import { insertSends, sendsOfMessages } from '../store/engagement-sends-sql';
import type { EngagementRequest } from './campaign-message';
import { decideFromFacts, recordSend, type CustomerFacts, type NewSend } from './decide-from-facts';
import type { EngagementDecision } from './decision';
import { capHorizon } from './frequency-cap';

/** A customer whose row this transaction holds, with their traits as locked. */
export interface LockedCustomer {
	id: string;
	traits: Traits;
}

/** One message to one locked customer. */
export interface LockedRequest {
	customer: LockedCustomer;
	request: EngagementRequest;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const group = groups.get(key(row));
		if (group) group.push(row);
		else groups.set(key(row), [row]);
	}
	return groups;
}

/** How far back the batch's caps look: the furthest of any marketing message's; undefined when none has caps. */
function marketingHorizon(requests: LockedRequest[], now: number): string | undefined {
	const horizons = requests.filter(({ request }) => request.message.purpose === 'marketing' && request.rules.caps.length).map(({ request }) => capHorizon(request.rules.caps, now));
	return horizons.length ? new Date(Math.min(...horizons)).toISOString() : undefined;
}

/**
 * The decisions for a batch of messages to locked customers, in order, and the sends they claim,
 * written in one statement. The facts of every customer are read at once, one statement per
 * kind; each decision is made in memory and what it claims is added to its customer's facts, so
 * that two messages to one customer in a batch are decided as if one after the other. Everything
 * is read inside the transaction that holds the customers' locks: two workers deciding for one
 * customer never both pass a cap of 1.
 */
export async function decideLockedBatch(tx: SqlClient, requests: LockedRequest[], now: number): Promise<EngagementDecision[]> {
	if (!requests.length) return [];
	const ids = [...new Set(requests.map(({ customer }) => customer.id))];
	const horizon = marketingHorizon(requests, now);
	// One after the other: a transaction's connection runs one statement at a time.
	const identities = await identifiersOf(tx, ids);
	const consents = await latestConsentChanges(tx, ids);
	const engagement = await channelEngagementOf(tx, ids);
	const sends = await sendsOfMessages(
		tx,
		requests.map(({ customer, request }) => ({ customerId: customer.id, messageKey: request.message.messageKey })),
	);
	const marketing = horizon ? await marketingSendTimesOf(tx, ids, horizon) : new Map();

	const consentsOf = groupBy(consents, (change) => change.customerId);
	const sendsOf = groupBy(sends, (send) => send.customerId);
	const facts = new Map<string, CustomerFacts>();
	for (const { customer } of requests) {
		if (facts.has(customer.id)) continue;
		facts.set(customer.id, {
			id: customer.id,
			traits: customer.traits,
			identities: identities.get(customer.id) ?? [],
			consents: consentsOf.get(customer.id) ?? [],
			engagement: engagement.get(customer.id) ?? [],
			sends: sendsOf.get(customer.id) ?? [],
			marketing: marketing.get(customer.id) ?? { claims: [], history: [] },
		});
	}
	const claimed: NewSend[] = [];
	const decisions = requests.map(({ customer, request }) => {
		const own = facts.get(customer.id)!;
		const { decision, send } = decideFromFacts(own, request, now);
		if (send) {
			recordSend(own, send);
			claimed.push(send);
		}
		return decision;
	});
	await insertSends(tx, claimed);
	return decisions;
}
