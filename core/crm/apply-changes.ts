import type { IdentityKind } from '../model';
import type { CustomerGraph } from '../identity/customer-graph';
import { CustomerOperationError } from '../identity/customer-operations';
import type { RawIdentity } from '../identity/normalize';
import { recordName, CRM_RECORD_WORDS, type CrmChange, type CrmIdentifiersChanged, type CrmRecordDeleted, type CrmRecordsMerged } from './changes';
import type { CrmKind } from './types';

export type AppliedChange = 'identifier-added' | 'merged' | 'forgotten' | 'identifier-removed' | 'nothing';

/** What one CRM change did to the store, in words an operations person reads. */
export interface AppliedCrmChange {
	change: CrmChange;
	/** The customer the change is about, when the store knows one (after a forget, the one forgotten). */
	customerId?: string;
	applied: AppliedChange;
	reason: string;
}

export interface ApplyCrmOptions {
	/**
	 * When a record no customer is known by gets a new e-mail or phone: resolve it as Customer
	 * Merge does (the customer holding that e-mail or phone gains the record id, else a new
	 * customer). Off by default: a CRM holds many people who never wrote to us, and a store that
	 * mirrors it would grow with every edit made there.
	 */
	createUnknown?: boolean;
	/** Country for phones the CRM stores in national format, e.g. "BR". */
	defaultCountry?: string;
}

const crmIdentity = (crm: CrmKind, recordId: string): RawIdentity => ({ kind: crm, value: recordId });

/** A refusal of the store (a rule, an identifier held by someone else) is the item's answer, not a failure. */
async function orRefusal<T>(work: () => Promise<T>): Promise<T | { refused: string }> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof CustomerOperationError) return { refused: error.message };
		throw error;
	}
}

const isRefusal = (value: unknown): value is { refused: string } => typeof value === 'object' && value !== null && 'refused' in value;

async function customerOf(graph: CustomerGraph, crm: CrmKind, recordId: string): Promise<string | undefined> {
	return await graph.findCustomerId({ identifier: crmIdentity(crm, recordId) });
}

async function applyIdentifiers(graph: CustomerGraph, change: CrmIdentifiersChanged, options: ApplyCrmOptions): Promise<Omit<AppliedCrmChange, 'change'>> {
	const record = recordName(change.crm, change.recordId);
	const identifiers: RawIdentity[] = [...change.emails.map((value) => ({ kind: 'email', value })), ...change.phones.map((value) => ({ kind: 'phone', value }))];
	const customerId = await customerOf(graph, change.crm, change.recordId);
	if (!customerId) {
		if (!options.createUnknown) return { applied: 'nothing', reason: `no customer is known by ${record}: nothing was stored (turn on "Add Unknown Contacts" to store them)` };
		const [outcome] = await graph.resolveIsolatingRefused([{ identities: [crmIdentity(change.crm, change.recordId), ...identifiers] }], options.defaultCountry);
		if (outcome.error || !outcome.customerId) return { applied: 'nothing', reason: `${record} could not be stored: ${outcome.error ?? outcome.warnings.join('; ')}` };
		const how = outcome.created ? `a new customer, known by ${record}` : `customer ${outcome.customerId}, found by its e-mail or phone, now known by ${record} too`;
		return { customerId: outcome.customerId, applied: 'identifier-added', reason: [how, ...outcome.warnings].join('; ') };
	}
	const added: string[] = [];
	const notes: string[] = [];
	for (const identifier of identifiers) {
		const result = await orRefusal(() => graph.addIdentifier(customerId, identifier, options.defaultCountry));
		if (isRefusal(result)) notes.push(`${identifier.kind} ${String(identifier.value)} not added: ${result.refused}`);
		else if (result.added) added.push(`${identifier.kind} ${String(identifier.value)}`);
		else notes.push(`${identifier.kind} ${String(identifier.value)} was already theirs`);
	}
	if (!added.length) return { customerId, applied: 'nothing', reason: notes.join('; ') || `${record} changed nothing we know them by` };
	return { customerId, applied: 'identifier-added', reason: [`added ${added.join(', ')} from ${record}`, ...notes].join('; ') };
}

/** How many identifiers of each kind a customer holds, leaving out the ones about to be dropped. */
async function kindCounts(graph: CustomerGraph, customerId: string, dropped: Set<string>): Promise<Map<IdentityKind, number>> {
	const customer = await graph.getCustomer(customerId, 0);
	const counts = new Map<IdentityKind, number>();
	for (const identity of customer?.identities ?? []) {
		if (!dropped.has(`${identity.kind}:${identity.value}`)) counts.set(identity.kind, (counts.get(identity.kind) ?? 0) + 1);
	}
	return counts;
}

/**
 * Why Customer Merge's protection rules refuse to make one customer of these two, if they do:
 * together they would hold more identifiers of a kind than the limit (two external ids, say,
 * which say they are two people). The CRM ids merged away are left out: they are dropped.
 */
async function protectionRefusal(graph: CustomerGraph, targetId: string, sourceId: string, dropped: Set<string>): Promise<string | undefined> {
	const [target, source] = await Promise.all([kindCounts(graph, targetId, dropped), kindCounts(graph, sourceId, dropped)]);
	for (const [kind, n] of source) {
		const total = n + (target.get(kind) ?? 0);
		const limit = graph.rules.maxPerKind[kind] ?? Infinity;
		if (total > limit) return `Customer Merge's protection rules refuse it: together they would hold ${total} ${kind} identifiers, more than the limit of ${limit}`;
	}
	return undefined;
}

async function applyMerge(graph: CustomerGraph, change: CrmRecordsMerged): Promise<Omit<AppliedCrmChange, 'change'>> {
	const { crm, recordId, mergedRecordIds } = change;
	const words = CRM_RECORD_WORDS[crm];
	const note = `${words.crm} merged ${words.record} ${mergedRecordIds.join(', ')} into ${words.record} ${recordId}`;
	const survivorId = await customerOf(graph, crm, recordId);
	const mergedAway = [];
	for (const id of mergedRecordIds) mergedAway.push({ recordId: id, customerId: await customerOf(graph, crm, id) });
	const known = mergedAway.filter((record): record is { recordId: string; customerId: string } => record.customerId !== undefined);
	const targetId = survivorId ?? known[0]?.customerId;
	if (!targetId) return { applied: 'nothing', reason: `no customer is known by any of these ${words.crm} ${words.record}s: ${note}, nothing to merge here` };

	const dropped = new Set(mergedRecordIds.map((id) => `${crm}:${id}`));
	const merged: string[] = [];
	const refusals: string[] = [];
	const refused = new Set<string>();
	for (const sourceId of [...new Set(known.map((record) => record.customerId))]) {
		if (sourceId === targetId) continue;
		const refusal = await protectionRefusal(graph, targetId, sourceId, dropped);
		const result = refusal ? { refused: refusal } : await orRefusal(() => graph.merge(targetId, sourceId, note));
		if (isRefusal(result)) {
			refusals.push(`customer ${sourceId} not merged into ${targetId}: ${result.refused}`);
			refused.add(sourceId);
		} else merged.push(sourceId);
	}

	// The records merged away are gone from the CRM: their ids leave whoever now holds them,
	// and the customer is known by the record that stays (under its new id, if the merge gave one).
	for (const record of known) {
		if (refused.has(record.customerId)) continue;
		await orRefusal(() => graph.removeIdentifier(targetId, crmIdentity(crm, record.recordId)));
	}
	const finalId = change.newRecordId ?? recordId;
	if (change.newRecordId && survivorId) await orRefusal(() => graph.removeIdentifier(targetId, crmIdentity(crm, recordId)));
	const rekeyed = finalId !== recordId || !survivorId ? await orRefusal(() => graph.addIdentifier(targetId, crmIdentity(crm, finalId))) : undefined;
	const rekeyNote = rekeyed && !isRefusal(rekeyed) && rekeyed.added ? `now known by ${recordName(crm, finalId)}` : undefined;
	if (isRefusal(rekeyed)) {
		refusals.push(`not known by ${recordName(crm, finalId)}: ${rekeyed.refused}`);
		// The new id is someone else's: the customer keeps the id it had rather than none.
		if (change.newRecordId && survivorId) await orRefusal(() => graph.addIdentifier(targetId, crmIdentity(crm, recordId)));
	}

	const reason = [merged.length ? `${note}: customer ${merged.join(', ')} merged into ${targetId}` : undefined, rekeyNote, ...refusals].filter(Boolean).join('; ');
	if (merged.length) return { customerId: targetId, applied: 'merged', reason };
	if (rekeyNote) return { customerId: targetId, applied: 'identifier-added', reason };
	return { customerId: targetId, applied: 'nothing', reason: reason || `${note}: already one customer here (${targetId})` };
}

async function applyDeletion(graph: CustomerGraph, change: CrmRecordDeleted): Promise<Omit<AppliedCrmChange, 'change'>> {
	const record = recordName(change.crm, change.recordId);
	const customerId = await customerOf(graph, change.crm, change.recordId);
	if (!customerId) return { applied: 'nothing', reason: `no customer is known by ${record}` };
	if (change.privacy) {
		const forgotten = await orRefusal(() => graph.forget(customerId));
		if (isRefusal(forgotten)) return { customerId, applied: 'nothing', reason: `${record} was deleted for privacy, but customer ${customerId} could not be forgotten: ${forgotten.refused}` };
		return { customerId, applied: 'forgotten', reason: `${record} was deleted for privacy (right to erasure): customer ${customerId} and everything stored about them are forgotten` };
	}
	const removed = await orRefusal(() => graph.removeIdentifier(customerId, crmIdentity(change.crm, change.recordId)));
	if (isRefusal(removed)) return { customerId, applied: 'nothing', reason: removed.refused };
	return { customerId, applied: 'identifier-removed', reason: `${record} was deleted: customer ${customerId} is no longer known by it, and keeps everything else` };
}

/**
 * Applies CRM changes to the store, one after the other, through the customer graph. Each is
 * safe to apply again (a redelivery adds nothing, merges nothing, forgets nothing more), so a
 * delivery that failed half-way can be received again. A refusal of the store is the change's
 * answer; a store that fails throws.
 */
export async function applyCrmChanges(graph: CustomerGraph, changes: CrmChange[], options: ApplyCrmOptions = {}): Promise<AppliedCrmChange[]> {
	const results: AppliedCrmChange[] = [];
	for (const change of changes) {
		const result =
			change.type === 'identifiers-changed' ? await applyIdentifiers(graph, change, options) : change.type === 'merged' ? await applyMerge(graph, change) : await applyDeletion(graph, change);
		results.push({ change, ...result });
	}
	return results;
}
