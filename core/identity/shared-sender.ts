import type { Customer, Identity } from '../model';
import type { SharedResolution } from './shared-plan';
import { identifierWords } from './shared-identifier-rule';

/**
 * What nodes after Customer Merge check before they show a customer's data: an item from a
 * shared phone whose writer is not confirmed may be from any of the people who share it.
 */

/** The item's shared identifier when who is writing is not confirmed; undefined otherwise. */
export function unconfirmedSharedSender(item: Record<string, unknown>): SharedResolution | undefined {
	const shared = (item.resolution as { shared?: SharedResolution } | undefined)?.shared;
	return shared && shared.confirmed === false && shared.identifier ? shared : undefined;
}

const sameIdentifier = (a: Identity, b: Identity) => a.kind === b.kind && a.value === b.value;

/** Texts of a customer another person must not read: trait values (the name aside, which a "Who is writing?" question shows) and identifiers not shared. */
function personalTexts(customer: Partial<Customer>): { what: string; text: string }[] {
	const texts: { what: string; text: string }[] = [];
	for (const [name, value] of Object.entries(customer.traits ?? {})) {
		if (name === 'name' || value === null || typeof value === 'object') continue;
		const text = String(value).trim();
		if (text.length >= 3) texts.push({ what: `their ${name}`, text });
	}
	const shared = customer.sharedIdentities ?? [];
	for (const identifier of customer.identities ?? []) {
		if (!shared.some((other) => sameIdentifier(other, identifier))) texts.push({ what: `their ${identifier.kind}`, text: identifier.value });
	}
	return texts;
}

/**
 * Why `message` must not be sent to an item from a shared phone whose writer is not confirmed:
 * it holds data of the customer presumed to be writing (a trait, an e-mail), who may be someone
 * else. Undefined when the item is confirmed or the message holds none of it.
 */
export function sharedSenderLeak(item: Record<string, unknown>, message: string): string | undefined {
	const shared = unconfirmedSharedSender(item);
	if (!shared) return undefined;
	const customer = (item.customer ?? {}) as Partial<Customer>;
	const lower = message.toLowerCase();
	const found = personalTexts(customer).find(({ text }) => lower.includes(text.toLowerCase()));
	if (!found) return undefined;
	return `the message shows ${found.what} to ${identifierWords(shared.identifier)}, which ${shared.customers.length} customers share, and who is writing is not confirmed: not sent`;
}

/** The refusal for showing a conversation or history to an item whose writer is not confirmed. */
export function unconfirmedSenderReason(shared: SharedResolution, what: string): string {
	return `${what}: the message came from ${identifierWords(shared.identifier)}, which ${shared.customers.length} customers share, and who is writing is not confirmed`;
}
