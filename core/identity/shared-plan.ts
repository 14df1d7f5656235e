import { identityKey, type Identity } from '../model';
import type { BatchChanges, GraphCustomer, ResolveOutcome, WorkingGraph } from './batch-plan';
import type { PreparedInput } from './prepare';
import type { SharedIdentifierRule } from './protection';
import { customerWords, firstName, identifierWords, inputName, isAnotherPerson, isShareable, personIdentifiers } from './shared-identifier-rule';

const stringOrUndefined = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** How the planner applies the shared identifier rule (see shared-identifier-rule.ts) to one input. */

/** What an item says about a shared identifier it came with. */
export interface SharedResolution {
	identifier: Identity;
	/** Every customer who shares it, with their first name for a "Who is writing?" question; nothing else of them. */
	customers: { id: string; firstName?: string }[];
	/** The input says who it is (an e-mail, a CRM id, …); false: `customerId` is only the latest user, or none. */
	confirmed: boolean;
}

/** A link between a shared identifier and one of its customers, as the planner sees it. */
export interface SharedLink {
	/** When this customer last used the identifier with a person-level identifier, or confirmed it; ISO time. */
	lastUsedAt?: string;
}

/** An identifier several customers share: it belongs to none of them, it links them. */
export interface GraphSharedIdentifier {
	identifier: Identity;
	/** By customer id; ids merged later in the batch are followed with WorkingGraph.root. */
	links: Map<string, SharedLink>;
}

/** A new link to write, with why it was made (kept in the store, without names). */
export interface PlannedLink {
	identifier: Identity;
	customer: GraphCustomer;
	used: boolean;
	reason: { rule: string; text: string; sharedWith: string[]; evidence?: unknown };
}

/** The customers that share an identifier today, each once (merges in the batch followed). */
export function linkedCustomers(graph: WorkingGraph, shared: GraphSharedIdentifier): { customer: GraphCustomer; link: SharedLink }[] {
	const byRoot = new Map<GraphCustomer, SharedLink>();
	for (const [id, link] of shared.links) {
		const customer = graph.root(id);
		const known = byRoot.get(customer);
		if (!known || (link.lastUsedAt ?? '') > (known.lastUsedAt ?? '')) byRoot.set(customer, link);
	}
	return [...byRoot].map(([customer, link]) => ({ customer, link }));
}

/** Of these, who used the identifier last with a person-level identifier (or confirmed it); none when nobody did. */
export function latestUser(linked: { customer: GraphCustomer; link: SharedLink }[]): GraphCustomer | undefined {
	let latest: { customer: GraphCustomer; link: SharedLink } | undefined;
	for (const entry of linked) if (entry.link.lastUsedAt && (!latest || entry.link.lastUsedAt > latest.link.lastUsedAt!)) latest = entry;
	return latest?.customer;
}

export const sharedResolution = (shared: GraphSharedIdentifier, linked: GraphCustomer[], confirmed: boolean): SharedResolution => ({
	identifier: shared.identifier,
	customers: linked.map((customer) => ({ id: customer.id, firstName: firstName(customer.traits.name) })),
	confirmed,
});

function some<K, V>(map: Map<K, V>, test: (entry: [K, V]) => boolean): boolean {
	for (const entry of map) if (test(entry)) return true;
	return false;
}

/**
 * The customers an input must not be merged with: reached only through shareable identifiers,
 * and another person than the input (isAnotherPerson). Removed from `matched`.
 */
export function otherPeople(input: PreparedInput, matched: Map<GraphCustomer, Identity[]>, rule: SharedIdentifierRule): Map<GraphCustomer, Identity[]> {
	const others = new Map<GraphCustomer, Identity[]>();
	const sharedOnly = ([, identifiers]: [GraphCustomer, Identity[]]) => identifiers.every((identifier) => isShareable(identifier.kind, rule));
	// Most inputs reach nobody through shareable identifiers alone: nothing to weigh.
	if (!rule.enabled || !some(matched, sharedOnly)) return others;
	// An input without a name is the person its e-mail (or CRM id) already names, under their name.
	const named = [...matched].find(([, identifiers]) => personIdentifiers(identifiers, rule).length)?.[0];
	const person = { ...input, name: inputName(input) ?? stringOrUndefined(named?.traits.name), traits: undefined };
	for (const [customer, identifiers] of matched) {
		if (sharedOnly([customer, identifiers]) && isAnotherPerson(person, customer, rule)) others.set(customer, identifiers);
	}
	for (const customer of others.keys()) matched.delete(customer);
	return others;
}

/** Makes `identifier`, held by `owner` until now, shared; returns it. */
function share(graph: WorkingGraph, changes: BatchChanges, identifier: Identity, owner: GraphCustomer): GraphSharedIdentifier {
	const key = identityKey(identifier);
	graph.owners.delete(key);
	owner.counts.set(identifier.kind, (owner.counts.get(identifier.kind) ?? 1) - 1);
	// Added by an earlier input of this batch: it is not written at all; else its row leaves its customer.
	const added = changes.newIdentifiers.findIndex((entry) => identityKey(entry.identifier) === key);
	if (added >= 0) changes.newIdentifiers.splice(added, 1);
	else changes.sharing.unowned.push({ identifier, customerId: owner.id });
	const shared: GraphSharedIdentifier = { identifier, links: new Map([[owner.id, {}]]) };
	graph.shared.set(key, shared);
	return shared;
}

function link(shared: GraphSharedIdentifier, changes: BatchChanges, planned: PlannedLink, at: string): void {
	shared.links.set(planned.customer.id, planned.used ? { lastUsedAt: at } : {});
	changes.sharing.links.push(planned);
}

/**
 * Links `target` (the input's customer) to the shared identifiers of the input, and shares
 * with it the identifiers of the other people the input reached (otherPeople). Call once the
 * target's traits are final for this input. Returns what the item says, and the sentence of
 * each identifier that became shared.
 */
export function linkTarget(
	graph: WorkingGraph,
	changes: BatchChanges,
	input: PreparedInput,
	target: GraphCustomer,
	others: Map<GraphCustomer, Identity[]>,
	rule: SharedIdentifierRule,
	at: string,
): { resolution?: SharedResolution; sentences: string[] } {
	// Nobody to keep apart and nothing shared yet: the usual input.
	if (!others.size && !graph.shared.size) return { sentences: [] };
	const used = personIdentifiers(input.identities, rule).length > 0;
	const evidence = { identities: personIdentifiers(input.identities, rule), event: input.event && { channel: input.event.channel, account: input.event.account, externalId: input.event.externalId } };
	const sentences: string[] = [];
	for (const [other, identifiers] of others) {
		for (const identifier of identifiers) {
			const shared = share(graph, changes, identifier, other);
			const text = `${identifierWords(identifier)} is shared by ${customerWords(other)} and ${customerWords(target)}: not merged`;
			sentences.push(text);
			// Kept without names: they leave with their customer when one is forgotten.
			const why = 'their e-mails, CRM or external ids differ, and so do their first names';
			const stored = `${identifierWords(identifier)} links customers ${other.id} and ${target.id} without merging them: ${why}`;
			changes.sharing.links.push({ identifier, customer: other, used: false, reason: { rule: 'shared identifier', text: stored, sharedWith: [target.id] } });
			link(shared, changes, { identifier, customer: target, used, reason: { rule: 'shared identifier', text: stored, sharedWith: [other.id], evidence } }, at);
		}
	}
	let resolution: SharedResolution | undefined;
	for (const identifier of input.identities) {
		const shared = graph.shared.get(identityKey(identifier));
		if (!shared) continue;
		const linked = linkedCustomers(graph, shared);
		const mine = linked.find((entry) => entry.customer === target);
		if (!mine) {
			const text = `${identifierWords(identifier)} also links customer ${target.id}, who wrote from it`;
			link(shared, changes, { identifier, customer: target, used, reason: { rule: 'shared identifier', text, sharedWith: linked.map((entry) => entry.customer.id), evidence } }, at);
		} else if (used) {
			mine.link.lastUsedAt = at;
			changes.sharing.used.push({ identifier, customer: target });
		}
		resolution ??= sharedResolution(shared, linkedCustomers(graph, shared).map((entry) => entry.customer), true);
	}
	return { resolution, sentences };
}

/**
 * An input that reaches customers only through shared identifiers and says nothing more of
 * who it is (a WhatsApp message from the family's number): nobody is merged nor changed. Its
 * customer is the one who used the identifier last with a person-level identifier, presumed,
 * or none; its new shareable identifiers (the WhatsApp account id) are shared too.
 */
export function presumeWriter(graph: WorkingGraph, changes: BatchChanges, input: PreparedInput, shared: GraphSharedIdentifier[], rule: SharedIdentifierRule, outcome: ResolveOutcome): GraphCustomer | undefined {
	const linked = shared.flatMap((identifier) => linkedCustomers(graph, identifier));
	const customers = [...new Set(linked.map((entry) => entry.customer))];
	const presumed = latestUser(linked);
	for (const identifier of input.identities) {
		if (graph.owners.has(identityKey(identifier)) || graph.shared.has(identityKey(identifier))) continue;
		if (!isShareable(identifier.kind, rule)) {
			outcome.warnings.push(`${identifier.kind} ${identifier.value} not added: it came from a shared identifier, and who is writing is not confirmed`);
			continue;
		}
		const added: GraphSharedIdentifier = { identifier, links: new Map() };
		graph.shared.set(identityKey(identifier), added);
		for (const customer of customers) {
			link(added, changes, { identifier, customer, used: false, reason: { rule: 'shared identifier', text: `${identifierWords(identifier)} came with ${identifierWords(shared[0].identifier)}, which these customers share`, sharedWith: customers.map((c) => c.id) } }, '');
		}
	}
	const who = presumed ? 'presumed to be the customer who used it last with an e-mail or another personal identifier' : 'nobody can tell who is writing';
	outcome.warnings.push(`${identifierWords(shared[0].identifier)} is shared by ${customers.length} customers: ${who}; confirm who is writing with Confirm Customer`);
	outcome.shared = sharedResolution(shared[0], customers, false);
	return presumed;
}
