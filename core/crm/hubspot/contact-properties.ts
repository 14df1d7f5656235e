import type { CrmUpsert } from '../types';

/** firstname and lastname from a full name: the first word, and the rest. */
function nameProperties(name: string | undefined): Record<string, string> {
	const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
	if (!words.length) return {};
	return words.length === 1 ? { firstname: words[0] } : { firstname: words[0], lastname: words.slice(1).join(' ') };
}

/**
 * The properties written for one contact: the customer's name and first phone (most of our
 * customers write from a mobile), then the node's field mapping, which wins.
 */
export function contactProperties({ customer, properties }: CrmUpsert): Record<string, unknown> {
	const phone = customer.phones[0];
	return { ...nameProperties(customer.name), ...(phone ? { mobilephone: phone } : {}), ...properties };
}
