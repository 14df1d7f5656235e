import { newCustomerId } from './customer-id';
import { eventKey, identityKey, messageKeyForms, ownMessageIds, referencedMessageId, type CanonicalEvent, type Identity, type IdentityKind, type Traits } from '../model';
import type { PreparedInput } from './prepare';
import type { ProtectionRules } from './protection';
import { linkTarget, linkedCustomers, otherPeople, presumeWriter, type GraphSharedIdentifier, type PlannedLink, type SharedResolution } from './shared-plan';
import { isAnotherPerson, personIdentifiers } from './shared-identifier-rule';

/** A customer as the planner sees it: enough to choose merge targets and enforce limits. */
export interface GraphCustomer {
	id: string;
	/** Creation order: the oldest customer has the lowest rank and survives merges. */
	rank: number;
	traits: Traits;
	counts: Map<IdentityKind, number>;
	mergedInto?: string;
	/** Created by this batch, not yet in the store. */
	isNew?: boolean;
}

export interface ResolveOutcome {
	customerId?: string;
	created: boolean;
	/** Customers merged into `customerId` by this input. */
	merged: string[];
	/** Identifiers this input added to the customer. */
	attached: Identity[];
	warnings: string[];
	error?: string;
	/** The event was already in the history (a redelivery). */
	duplicate?: boolean;
	/**
	 * Nothing was stored because of a forgotten customer: the event was theirs or is about one of
	 * their messages, or (bulk imports) the input holds one of their identifiers. A warning says which.
	 */
	forgotten?: boolean;
	/** The input came with an identifier several customers share (a family's WhatsApp): who they are, and whether the input says which it is. */
	shared?: SharedResolution;
}

/** What the store remembers of forgotten customers, among the keys a batch holds. */
export interface ForgottenKeys {
	/** Message keys, in every form tombstones may have (see messageKeyForms). */
	messages: Set<string>;
	/** Identifier keys ("kind:value"); only looked up for bulk imports, empty otherwise. */
	identifiers: Set<string>;
}

const NOTHING_FORGOTTEN: ForgottenKeys = { messages: new Set(), identifiers: new Set() };

export interface PlannedMerge {
	sourceId: string;
	targetId: string;
	evidence: { identities: Identity[]; event?: { channel: string; account: string; externalId: string } };
	targetTraitsBefore: Traits;
}

/** What a batch changes, in the order it must be written. */
export interface BatchChanges {
	/** New customers, in creation order; their traits are final once the batch is planned. */
	newCustomers: GraphCustomer[];
	/** New identifiers with the customer they were attached to (before later merges move them). */
	newIdentifiers: { identifier: Identity; customerId: string }[];
	events: { event: CanonicalEvent; customerId: string; outcome: ResolveOutcome }[];
	merges: PlannedMerge[];
	/** Existing customers whose traits changed. */
	changedTraits: Set<GraphCustomer>;
	/** Identifiers that became shared (their rows leave their customer), new links, and links used again. */
	sharing: {
		unowned: { identifier: Identity; customerId: string }[];
		links: PlannedLink[];
		used: { identifier: Identity; customer: GraphCustomer }[];
	};
}

/**
 * The identity graph in memory: identifier → customer, and the customers a batch involves.
 * The resolver fills it from the store (rows locked), the benchmark keeps it all in memory.
 */
export class WorkingGraph {
	readonly owners = new Map<string, string>();
	readonly customers = new Map<string, GraphCustomer>();
	/** Identifiers several customers share, by key: they belong to none of them (see shared-plan.ts). */
	readonly shared = new Map<string, GraphSharedIdentifier>();
	private nextRank = Number.MAX_SAFE_INTEGER / 2;

	root(id: string): GraphCustomer {
		let customer = this.customers.get(id)!;
		while (customer.mergedInto) customer = this.customers.get(customer.mergedInto)!;
		return customer;
	}

	ownerOf(identifier: Identity): GraphCustomer | undefined {
		const owner = this.owners.get(identityKey(identifier));
		return owner === undefined ? undefined : this.root(owner);
	}

	create(): GraphCustomer {
		const customer: GraphCustomer = { id: newCustomerId(), rank: this.nextRank++, traits: {}, counts: new Map(), isNew: true };
		this.customers.set(customer.id, customer);
		return customer;
	}
}

/** Sets the given traits over the current ones; a null value removes the trait. */
export function applyTraits(current: Traits, changes: Traits): Traits {
	const next = { ...current, ...changes };
	for (const [key, value] of Object.entries(changes)) if (value === null) delete next[key];
	return next;
}

/** Why an input must store nothing because of a forgotten customer, if it must. */
function forgottenReason(input: PreparedInput, forgotten: ForgottenKeys): string | undefined {
	if (!forgotten.messages.size && !forgotten.identifiers.size) return undefined;
	const event = input.event;
	const isForgotten = (id: string) => event !== undefined && messageKeyForms(event.channel, event.account, id).some((key) => forgotten.messages.has(key));
	if (event && ownMessageIds(event).some(isForgotten)) {
		return 'this event belongs to a forgotten customer: nothing was stored';
	}
	const referenced = event && referencedMessageId(event);
	if (referenced && isForgotten(referenced)) {
		return 'this event is about a message of a forgotten customer: nothing was stored';
	}
	const identifier = input.identities.find((candidate) => forgotten.identifiers.has(identityKey(candidate)));
	if (identifier) return `${identifier.kind} ${identifier.value} belongs to a forgotten customer: skipped, nothing was stored`;
	return undefined;
}

function kindOverLimit(customers: GraphCustomer[], rules: ProtectionRules): IdentityKind | undefined {
	const total = new Map<IdentityKind, number>();
	for (const customer of customers) for (const [kind, n] of customer.counts) total.set(kind, (total.get(kind) ?? 0) + n);
	for (const [kind, n] of total) if (n > (rules.maxPerKind[kind] ?? Infinity)) return kind;
	return undefined;
}

/**
 * Decides, input by input and in order, which customer each input belongs to: a new one, the
 * one its identifiers point at, or (several) the oldest of them with the others merged in,
 * unless protection rules forbid it. An input that concerns a forgotten customer stores
 * nothing. Mutates `graph`; returns one outcome per input and the changes to write.
 */
export function planBatch(graph: WorkingGraph, inputs: PreparedInput[], rules: ProtectionRules, forgotten: ForgottenKeys = NOTHING_FORGOTTEN) {
	const changes: BatchChanges = { newCustomers: [], newIdentifiers: [], events: [], merges: [], changedTraits: new Set(), sharing: { unowned: [], links: [], used: [] } };
	const now = new Date().toISOString();
	const seenEvents = new Set<string>();
	const outcomes = inputs.map((input): ResolveOutcome => {
		const outcome: ResolveOutcome = { created: false, merged: [], attached: [], warnings: [...input.warnings] };
		if (input.error) return { ...outcome, error: input.error };
		const skipped = forgottenReason(input, forgotten);
		if (skipped) {
			outcome.warnings.push(skipped);
			return { ...outcome, forgotten: true };
		}
		const key = input.event && eventKey(input.event);

		// Customers this input's identifiers already point at, most trusted identifier first.
		const matched = new Map<GraphCustomer, Identity[]>();
		for (const identifier of input.identities) {
			const owner = graph.ownerOf(identifier);
			if (owner) matched.set(owner, [...(matched.get(owner) ?? []), identifier]);
		}
		// A customer reached only through a shared phone is not merged with another person.
		const others = otherPeople(input, matched, rules.shared);
		const shared = graph.shared.size ? input.identities.flatMap((identifier) => graph.shared.get(identityKey(identifier)) ?? []) : [];
		const group: GraphCustomer[] = [];
		for (const [customer, identifiers] of matched) {
			const overLimit = group.length ? kindOverLimit([...group, customer], rules) : undefined;
			if (overLimit) {
				outcome.warnings.push(
					`not merged with customer ${customer.id} (shares ${identifiers.map((i) => `${i.kind} ${i.value}`).join(', ')}): together they would hold more ${overLimit} identifiers than the limit of ${rules.maxPerKind[overLimit]}`,
				);
			} else group.push(customer);
		}

		if (!group.length && shared.length) {
			if (!personIdentifiers(input.identities, rules.shared).length) {
				const presumed = presumeWriter(graph, changes, input, shared, rules.shared, outcome);
				if (presumed && input.event && key) {
					if (seenEvents.has(key)) outcome.duplicate = true;
					else changes.events.push({ event: input.event, customerId: presumed.id, outcome });
					seenEvents.add(key);
				}
				outcome.customerId = presumed?.id;
				return outcome;
			}
			// One of those who share it, writing with a new e-mail under their own name, is still them.
			const same = shared.flatMap((identifier) => linkedCustomers(graph, identifier)).filter(({ customer }) => !isAnotherPerson(input, customer, rules.shared));
			const latest = same.sort((a, b) => (b.link.lastUsedAt ?? '').localeCompare(a.link.lastUsedAt ?? '') || a.customer.rank - b.customer.rank)[0];
			if (latest) group.push(latest.customer);
		}

		const target = group.length ? group.reduce((oldest, customer) => (customer.rank < oldest.rank ? customer : oldest)) : graph.create();
		const traitsBefore = target.traits;
		if (!group.length) {
			changes.newCustomers.push(target);
			outcome.created = true;
		} else {
			for (const source of group) {
				if (source === target) continue;
				changes.merges.push({
					sourceId: source.id,
					targetId: target.id,
					evidence: {
						identities: [...matched.get(target)!, ...matched.get(source)!],
						event: input.event && { channel: input.event.channel, account: input.event.account, externalId: input.event.externalId },
					},
					targetTraitsBefore: target.traits,
				});
				if (Object.keys(source.traits).some((key) => !(key in target.traits))) target.traits = { ...source.traits, ...target.traits };
				for (const [kind, n] of source.counts) target.counts.set(kind, (target.counts.get(kind) ?? 0) + n);
				source.counts = new Map();
				source.mergedInto = target.id;
				outcome.merged.push(source.id);
			}
		}

		for (const identifier of input.identities) {
			if (graph.ownerOf(identifier) || graph.shared.has(identityKey(identifier))) continue;
			const held = target.counts.get(identifier.kind) ?? 0;
			const limit = rules.maxPerKind[identifier.kind] ?? Infinity;
			if (held >= limit) {
				outcome.warnings.push(`${identifier.kind} ${identifier.value} not added: customer ${target.id} already has ${held} ${identifier.kind} identifiers (limit ${limit})`);
				continue;
			}
			graph.owners.set(identityKey(identifier), target.id);
			target.counts.set(identifier.kind, held + 1);
			changes.newIdentifiers.push({ identifier, customerId: target.id });
			outcome.attached.push(identifier);
		}

		// A name from a channel profile only fills a gap; traits given explicitly overwrite.
		if (input.name && target.traits.name === undefined) target.traits = { ...target.traits, name: input.name };
		if (input.traits) target.traits = applyTraits(target.traits, input.traits);
		if (!target.isNew && target.traits !== traitsBefore) changes.changedTraits.add(target);

		const sharing = linkTarget(graph, changes, input, target, others, rules.shared, now);
		outcome.warnings.push(...sharing.sentences);
		if (sharing.resolution) outcome.shared = sharing.resolution;

		if (input.event && key) {
			if (seenEvents.has(key)) outcome.duplicate = true;
			else changes.events.push({ event: input.event, customerId: target.id, outcome });
			seenEvents.add(key);
		}
		outcome.customerId = target.id;
		return outcome;
	});
	return { outcomes, changes };
}
