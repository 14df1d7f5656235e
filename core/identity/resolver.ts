import { identityKey, messageKeysInEveryForm, type CanonicalEvent } from '../model';
import type { Database, SqlClient } from '../store/database';
import * as sql from '../store/graph-sql';
import { writeMerges } from '../store/merge-sql';
import { insertSharedLinks, markSharedUsed, unownIdentifiers } from '../store/shared-identifier-sql';
import { tombstoneKey, tombstonedKeys, type TombstoneKey } from '../store/tombstones';
import { WorkingGraph, planBatch, type ForgottenKeys, type ResolveOutcome } from './batch-plan';
import { prepareInput, type PreparedInput, type ResolveInput } from './prepare';
import { DEFAULT_PROTECTION_RULES, type ProtectionRules } from './protection';
import { withConflictRetry, StaleReadError } from './conflict-retry';
import { consentChangeOf, type ConsentChange } from '../consent/consent-change';
import { consentKeywordMatcher, type ConsentKeywords, type KeywordConsent } from '../consent/keywords';
import { insertConsentChanges } from '../store/consent-sql';

/** How a batch treats forgotten customers beyond their events and messages, which are always skipped. */
export interface ForgottenPolicy {
	/**
	 * Skip, whole, every input holding an identifier of a forgotten customer: for bulk imports
	 * (a CRM export, a spreadsheet), so that an old export does not bring the person back. Not
	 * for live channel events: a person may come back, and is then a new customer.
	 */
	skipForgottenIdentifiers?: boolean;
}

/** What a batch does besides resolving customers and recording their events. */
export interface BatchPolicy extends ForgottenPolicy {
	/** The whole-message words that change a customer's marketing consent (defaults: consent/keywords.ts). */
	consentKeywords?: ConsentKeywords;
}

export interface ResolveOptions extends BatchPolicy {
	rules?: ProtectionRules;
	/** Country for phones written without a country code. */
	defaultCountry?: string;
}

/**
 * Resolves a batch of inputs to customers in one transaction: all of it is written, or
 * nothing. Concurrent resolvers (n8n workers) are serialized on the customers they touch and
 * retried when another one got there first.
 */
export async function resolveBatch(db: Database, inputs: ResolveInput[], options: ResolveOptions = {}): Promise<ResolveOutcome[]> {
	const rules = options.rules ?? DEFAULT_PROTECTION_RULES;
	return await resolvePrepared(
		db,
		inputs.map((input) => prepareInput(input, rules, options.defaultCountry)),
		rules,
		options,
	);
}

/** resolveBatch for inputs already prepared (normalized and checked) with `rules`. */
export async function resolvePrepared(db: Database, prepared: PreparedInput[], rules: ProtectionRules, policy: BatchPolicy = {}): Promise<ResolveOutcome[]> {
	// Serialized before the transaction: the shorter it holds its locks, the less other workers wait.
	const history = new Map(prepared.flatMap((input) => (input.event && !input.error ? [[input.event, sql.historyRow(input.event)]] : [])));
	const key = await tombstoneKey(db);
	const keywordConsent = policy.consentKeywords ? consentKeywordMatcher(policy.consentKeywords) : undefined;
	return await withConflictRetry(() => db.transaction((tx) => resolveInTransaction(tx, prepared, history, rules, { key, policy }, keywordConsent)));
}

async function loadGraph(tx: SqlClient, prepared: PreparedInput[], rules: ProtectionRules): Promise<WorkingGraph> {
	const identifiers = prepared.flatMap((input) => (input.error ? [] : input.identities));
	await sql.reserveIdentifiers(tx, identifiers);
	// Only identifiers of kinds that may be shared can be: the others need no look-up.
	const shareable = identifiers.filter((identifier) => rules.shared.shareableKinds.includes(identifier.kind));
	const { owners, versions, links } = await sql.lookupOwners(tx, identifiers, shareable);
	const customerIds = [...versions.keys()];
	const locked = await sql.lockCustomers(tx, customerIds);
	// Whatever moves identifiers away from a customer (merge, unmerge, forget) changes its row:
	// an unchanged version means the lookup still holds now that the rows are locked.
	if (locked.length !== customerIds.length || locked.some((row) => row.version !== versions.get(row.id))) throw new StaleReadError();
	const graph = new WorkingGraph();
	for (const [key, owner] of owners) graph.owners.set(key, owner);
	// Locked in id order, which for UUIDv7 ids is creation order: the rank of each is its place.
	locked.forEach((row, rank) => graph.customers.set(row.id, { id: row.id, rank, traits: row.traits, counts: new Map() }));
	for (const link of links) {
		const key = identityKey(link);
		const shared = graph.shared.get(key) ?? { identifier: { kind: link.kind, value: link.value }, links: new Map() };
		shared.links.set(link.customer_id, link.last_used_at === null ? {} : { lastUsedAt: new Date(link.last_used_at).toISOString() });
		graph.shared.set(key, shared);
	}
	// The shared identifier rule reads how many person-level identifiers those who share one hold.
	const counted = new Set([...mayGrow(prepared, owners), ...links.map((link) => link.customer_id)]);
	for (const row of await sql.identifierCounts(tx, [...counted])) graph.customers.get(row.customer_id)!.counts.set(row.kind, row.n);
	return graph;
}

/**
 * The stored customers whose identifier counts the plan may read: those an input could add
 * an identifier to or merge, because it also holds an unknown identifier or points at
 * several customers. An input whose identifiers all belong to one customer changes nothing
 * there; a customer it reaches through an earlier merge or addition in the batch was
 * already counted for that input.
 */
function mayGrow(prepared: PreparedInput[], owners: Map<string, string>): Set<string> {
	const counted = new Set<string>();
	for (const input of prepared) {
		if (input.error) continue;
		const found = input.identities.map((identifier) => owners.get(identityKey(identifier)));
		const known = new Set(found.filter((owner) => owner !== undefined));
		if (known.size > 1 || found.includes(undefined)) for (const owner of known) counted.add(owner);
	}
	return counted;
}

interface Tombstones {
	key: TombstoneKey;
	policy: ForgottenPolicy;
}

/** The keys of this batch the store holds tombstones of: its events and the messages they are about, and (when asked) its identifiers. */
async function forgottenKeys(tx: SqlClient, prepared: PreparedInput[], history: Map<CanonicalEvent, sql.HistoryRow>, { key, policy }: Tombstones): Promise<ForgottenKeys> {
	const messages = history.size ? await tombstonedKeys(tx, 'forgotten_events', () => [...history.keys()].flatMap(messageKeysInEveryForm), key) : new Set<string>();
	if (!policy.skipForgottenIdentifiers) return { messages, identifiers: new Set() };
	const identifiers = () => prepared.flatMap((input) => (input.error ? [] : input.identities.map(identityKey)));
	return { messages, identifiers: await tombstonedKeys(tx, 'forgotten_identifiers', identifiers, key) };
}

async function resolveInTransaction(
	tx: SqlClient,
	prepared: PreparedInput[],
	history: Map<CanonicalEvent, sql.HistoryRow>,
	rules: ProtectionRules,
	tombstones: Tombstones,
	keywordConsent?: (text: string | undefined) => KeywordConsent | undefined,
): Promise<ResolveOutcome[]> {
	const graph = await loadGraph(tx, prepared, rules);
	const forgotten = await forgottenKeys(tx, prepared, history, tombstones);
	const { outcomes, changes } = planBatch(graph, prepared, rules, forgotten);

	await sql.insertCustomers(tx, changes.newCustomers);
	await unownIdentifiers(tx, changes.sharing.unowned);
	await sql.insertIdentifiers(tx, changes.newIdentifiers);
	// Links are written where their customers are before this batch's merges, which move them on.
	await insertSharedLinks(tx, changes.sharing.links.map(({ identifier, customer, used, reason }) => ({ identifier, customerId: customer.id, used, reason })));
	const rows = changes.events.map(({ event, customerId }) => ({ row: history.get(event)!, customerId }));
	const redelivered = await sql.insertEvents(tx, rows);
	const consents: (ConsentChange & { customerId: string })[] = [];
	for (const [i, { event, outcome, customerId }] of changes.events.entries()) {
		if (redelivered.has(rows[i].row.key)) outcome.duplicate = true;
		else {
			const consent = consentChangeOf(event, keywordConsent);
			if (consent) consents.push({ ...consent, customerId });
		}
	}
	await insertConsentChanges(tx, consents);
	await writeMerges(tx, changes.merges.map((merge) => ({ ...merge, reason: 'automatic' as const })));
	await sql.updateTraits(tx, new Map([...changes.changedTraits].map((customer) => [customer.id, customer.traits])));
	await markSharedUsed(tx, changes.sharing.used.map(({ identifier, customer }) => ({ identifier, customerId: graph.root(customer.id).id })));
	return outcomes;
}
