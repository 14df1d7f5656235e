import type { Identity, IdentityKind, Traits } from '../model';
import type { SharedIdentifierRule } from './protection';

/**
 * The shared identifier rule: a phone (or a WhatsApp account id) that a family or a shop
 * shares links its people without merging them. An input that reaches a customer only through
 * such an identifier is someone else when both have an identifier that names one person
 * (e-mail, CRM id, external id), the input's is not the customer's, and their first names
 * differ. One person with two e-mails and one name still merges.
 */

/** The first word of a name, as people write it differently: case, accents, punctuation and spacing aside. */
export function firstName(name: unknown): string | undefined {
	if (typeof name !== 'string') return undefined;
	const words = name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
	return words[0];
}

/** Whether two names are known and their first names differ ("Maria Souza" and "João Souza"); "Maria" and "MARIA S." are one name. */
export function namesDiffer(a: unknown, b: unknown): boolean {
	const [first, second] = [firstName(a), firstName(b)];
	return first !== undefined && second !== undefined && first !== second;
}

/** The name an input gives its person: an explicit name trait, else the name it came with. */
export function inputName(input: { name?: string; traits?: Traits }): string | undefined {
	const trait = input.traits?.name;
	return typeof trait === 'string' && trait.trim() ? trait.trim() : input.name;
}

export const isShareable = (kind: IdentityKind, rule: SharedIdentifierRule) => rule.enabled && rule.shareableKinds.includes(kind);

export const personIdentifiers = (identities: Identity[], rule: SharedIdentifierRule) => identities.filter((identity) => rule.personKinds.includes(identity.kind));

/** How many identifiers that name one person a customer holds, from its counts per kind. */
export function personIdentifierCount(counts: Map<IdentityKind, number>, rule: SharedIdentifierRule): number {
	return rule.personKinds.reduce((sum, kind) => sum + (counts.get(kind) ?? 0), 0);
}

/**
 * Whether an input is another person than a customer it reaches only through shareable
 * identifiers: both hold person-level identifiers (the input's are not the customer's, or it
 * would reach it through them) and, unless the rule says otherwise, their first names differ.
 */
export function isAnotherPerson(
	input: { identities: Identity[]; name?: string; traits?: Traits },
	customer: { traits: Traits; counts: Map<IdentityKind, number> },
	rule: SharedIdentifierRule,
): boolean {
	if (!rule.enabled || !personIdentifiers(input.identities, rule).length) return false;
	if (!personIdentifierCount(customer.counts, rule)) return false;
	return !rule.requireDifferentName || namesDiffer(inputName(input), customer.traits.name);
}

/** An identifier as a sentence says it: "the phone +5521987654321". */
export function identifierWords(identifier: Identity): string {
	return identifier.kind === 'phone' ? `the phone ${identifier.value}` : `the ${identifier.kind} ${identifier.value}`;
}

/** "Maria Souza", or "customer <id>" when the customer has no name. */
export function customerWords(customer: { id: string; traits: Traits }): string {
	const name = customer.traits.name;
	return typeof name === 'string' && name.trim() ? name.trim() : `customer ${customer.id}`;
}

/** "A, B and C". */
export function listWords(words: string[]): string {
	return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
