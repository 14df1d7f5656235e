import { customerIdentities, identityKey, type CanonicalEvent, type Identity, type Traits } from '../model';
import { eventAsRecorded } from './event-time';
import { normalizeIdentity, type RawIdentity } from './normalize';
import { blockReason, kindRank, type ProtectionRules } from './protection';
import { malformedTextIn } from './well-formed-text';

/** One thing to resolve to a customer: identifiers, and optionally a name, traits and the event to record. */
export interface ResolveInput {
	identities: RawIdentity[];
	name?: string;
	traits?: Traits;
	/** Recorded in the customer's history (once, however often it is delivered). */
	event?: CanonicalEvent;
}

/** A ResolveInput with identifiers normalized, junk set aside, most trusted kind first. */
export interface PreparedInput {
	identities: Identity[];
	warnings: string[];
	/** Why this input can't be resolved at all; the other inputs of the batch go on. */
	error?: string;
	name?: string;
	traits?: Traits;
	event?: CanonicalEvent;
}

/** The input for a canonical event: its customer's identities, the sender's name, the event itself. */
export function inputFromEvent(event: CanonicalEvent): ResolveInput {
	return {
		identities: customerIdentities(event),
		name: event.direction === 'inbound' ? event.from.name : undefined,
		event,
	};
}

/** Why the name, traits or event id of an input can't be stored (the store refuses half characters in JSON, and merges two ids that differ only by one). */
function unstorableText(input: ResolveInput): string | undefined {
	return malformedTextIn(input.name, 'name') ?? malformedTextIn(input.traits, 'traits') ?? malformedTextIn(input.event?.externalId, 'the event id');
}

/** Normalizes and checks one input under `rules`; `receivedAt` (epoch ms) bounds the event's timestamp. */
export function prepareInput(input: ResolveInput, rules: ProtectionRules, defaultCountry?: string, receivedAt = Date.now()): PreparedInput {
	const warnings: string[] = [];
	const byKey = new Map<string, Identity>();
	for (const raw of input.identities) {
		if (typeof raw !== 'object' || raw === null) {
			warnings.push(`ignored identifier ${JSON.stringify(raw)}: expected {"kind": …, "value": …}`);
			continue;
		}
		const rawBlock = blockReason(String(raw.kind), raw.value, rules);
		const normalized = rawBlock ? undefined : normalizeIdentity(raw, defaultCountry);
		if (normalized && !normalized.ok) warnings.push(`ignored ${raw.kind}: ${normalized.reason}`);
		const identity = normalized?.ok ? normalized.identity : undefined;
		const block = rawBlock ?? (identity && blockReason(identity.kind, identity.value, rules));
		if (block) warnings.push(`ignored ${block}`);
		else if (identity) byKey.set(identityKey(identity), identity);
	}
	const identities = [...byKey.values()].sort((a, b) => kindRank(a.kind, rules) - kindRank(b.kind, rules));
	const error =
		unstorableText(input) ??
		(identities.length ? undefined : `no usable identifier${warnings.length ? ` (${warnings.join('; ')})` : ': give at least one e-mail, phone or channel id'}`);
	// A NUL character can't be stored; in an event's key (its account and id) it would fail the whole batch.
	const withoutNul = (text: string) => text.replace(/\u0000/g, '');
	let event = input.event && `${input.event.account}${input.event.externalId}`.includes('\u0000') ? { ...input.event, account: withoutNul(input.event.account), externalId: withoutNul(input.event.externalId) } : input.event;
	if (event) {
		const recorded = eventAsRecorded(event, receivedAt);
		event = recorded.event;
		if (recorded.warning) warnings.push(recorded.warning);
	}
	return { identities, warnings, error, name: input.name?.trim() || undefined, traits: input.traits, event };
}
