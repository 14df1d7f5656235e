import { newCustomerId } from './customer-id';
import { eventKey, identityKey, messageKey, ownMessageIds, referencedMessageId, type CanonicalEvent, type Identity, type IdentityKind, type Traits } from '../model';
import type { PreparedInput } from './prepare';
import type { ProtectionRules } from './protection';

/** A customer as the planner sees it: enough to choose merge targets and enforce limits. */
export interface GraphProfile {
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
}

/** What the store remembers of forgotten customers, among the keys a batch holds. */
export interface ForgottenKeys {
	/** Event and message keys ("channel:id"). */
	messages: Set<string>;
	/** Identifier keys ("kind:value"); only looked up for bulk imports, empty otherwise. */
	identities: Set<string>;
}

const NOTHING_FORGOTTEN: ForgottenKeys = { messages: new Set(), identities: new Set() };

export interface PlannedMerge {
	sourceId: string;
	targetId: string;
	evidence: { identities: Identity[]; event?: { channel: string; externalId: string } };
	targetTraitsBefore: Traits;
}

/** What a batch changes, in the order it must be written. */
export interface BatchChanges {
	/** New customers, in creation order; their traits are final once the batch is planned. */
	newProfiles: GraphProfile[];
	/** New identifiers with the customer they were attached to (before later merges move them). */
	newIdentities: { identity: Identity; profileId: string }[];
	events: { event: CanonicalEvent; profileId: string; outcome: ResolveOutcome }[];
	merges: PlannedMerge[];
	/** Existing customers whose traits changed. */
	changedTraits: Set<GraphProfile>;
}

/**
 * The identity graph in memory: identifier → customer, and the customers a batch involves.
 * The resolver fills it from the store (rows locked), the benchmark keeps it all in memory.
 */
export class WorkingGraph {
	readonly owners = new Map<string, string>();
	readonly profiles = new Map<string, GraphProfile>();
	private nextRank = Number.MAX_SAFE_INTEGER / 2;

	root(id: string): GraphProfile {
		let profile = this.profiles.get(id)!;
		while (profile.mergedInto) profile = this.profiles.get(profile.mergedInto)!;
		return profile;
	}

	ownerOf(identity: Identity): GraphProfile | undefined {
		const owner = this.owners.get(identityKey(identity));
		return owner === undefined ? undefined : this.root(owner);
	}

	create(): GraphProfile {
		const profile: GraphProfile = { id: newCustomerId(), rank: this.nextRank++, traits: {}, counts: new Map(), isNew: true };
		this.profiles.set(profile.id, profile);
		return profile;
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
	const event = input.event;
	if (event && ownMessageIds(event).some((id) => forgotten.messages.has(messageKey(event.channel, id)))) {
		return 'this event belongs to a forgotten customer: nothing was stored';
	}
	const referenced = event && referencedMessageId(event);
	if (referenced && forgotten.messages.has(messageKey(event.channel, referenced))) {
		return 'this event is about a message of a forgotten customer: nothing was stored';
	}
	const identity = input.identities.find((candidate) => forgotten.identities.has(identityKey(candidate)));
	if (identity) return `${identity.kind} ${identity.value} belongs to a forgotten customer: skipped, nothing was stored`;
	return undefined;
}

function kindOverLimit(profiles: GraphProfile[], rules: ProtectionRules): IdentityKind | undefined {
	const total = new Map<IdentityKind, number>();
	for (const profile of profiles) for (const [kind, n] of profile.counts) total.set(kind, (total.get(kind) ?? 0) + n);
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
	const changes: BatchChanges = { newProfiles: [], newIdentities: [], events: [], merges: [], changedTraits: new Set() };
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
		const matched = new Map<GraphProfile, Identity[]>();
		for (const identity of input.identities) {
			const owner = graph.ownerOf(identity);
			if (owner) matched.set(owner, [...(matched.get(owner) ?? []), identity]);
		}
		const group: GraphProfile[] = [];
		for (const [profile, identities] of matched) {
			const overLimit = group.length ? kindOverLimit([...group, profile], rules) : undefined;
			if (overLimit) {
				outcome.warnings.push(
					`not merged with customer ${profile.id} (shares ${identities.map((i) => `${i.kind} ${i.value}`).join(', ')}): together they would hold more ${overLimit} identifiers than the limit of ${rules.maxPerKind[overLimit]}`,
				);
			} else group.push(profile);
		}

		const target = group.length ? group.reduce((oldest, profile) => (profile.rank < oldest.rank ? profile : oldest)) : graph.create();
		const traitsBefore = target.traits;
		if (!group.length) {
			changes.newProfiles.push(target);
			outcome.created = true;
		} else {
			for (const source of group) {
				if (source === target) continue;
				changes.merges.push({
					sourceId: source.id,
					targetId: target.id,
					evidence: {
						identities: [...matched.get(target)!, ...matched.get(source)!],
						event: input.event && { channel: input.event.channel, externalId: input.event.externalId },
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

		for (const identity of input.identities) {
			if (graph.ownerOf(identity)) continue;
			const held = target.counts.get(identity.kind) ?? 0;
			const limit = rules.maxPerKind[identity.kind] ?? Infinity;
			if (held >= limit) {
				outcome.warnings.push(`${identity.kind} ${identity.value} not added: customer ${target.id} already has ${held} ${identity.kind} identifiers (limit ${limit})`);
				continue;
			}
			graph.owners.set(identityKey(identity), target.id);
			target.counts.set(identity.kind, held + 1);
			changes.newIdentities.push({ identity, profileId: target.id });
			outcome.attached.push(identity);
		}

		// A name from a channel profile only fills a gap; traits given explicitly overwrite.
		if (input.name && target.traits.name === undefined) target.traits = { ...target.traits, name: input.name };
		if (input.traits) target.traits = applyTraits(target.traits, input.traits);
		if (!target.isNew && target.traits !== traitsBefore) changes.changedTraits.add(target);

		if (input.event && key) {
			if (seenEvents.has(key)) outcome.duplicate = true;
			else changes.events.push({ event: input.event, profileId: target.id, outcome });
			seenEvents.add(key);
		}
		outcome.customerId = target.id;
		return outcome;
	});
	return { outcomes, changes };
}
