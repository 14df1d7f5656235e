import { CustomerOperationError, type CustomerGraph, type RawIdentity } from '../core';
import { notFoundError, usageError } from './cli-io';
import { stringOption, type OptionValues } from './command';
import { defaultCountry } from './default-country-option';

/** `--id` or `--identity`: how profile and forget name one customer. */
export const CUSTOMER_OPTIONS = {
	id: { type: 'string' },
	identity: { type: 'string' },
	'default-country': { type: 'string' },
} as const;

export const CUSTOMER_HELP = `  --id <customer id>
      The customer's id (an id merged into another customer finds that customer).
  --identity <kind:value>
      One of the customer's identifiers, normalized as resolution does: phone:+5511987654321,
      whatsapp:5511987654321, email:ana@example.org, messenger:<pageId>:<psid>,
      instagram:<igAccountId>:<igsid>, telegram:<id>, hubspot:<id>… (split on the first ':').
  --default-country <CC>
      Country for a phone given without a country code, e.g. --identity "phone:(11) 98765-4321"
      --default-country BR.`;

export type CustomerSelector = { id: string } | { identity: RawIdentity; defaultCountry?: string };

/** Reads exactly one of --id and --identity; anything else is a usage error. */
export function customerSelector(values: OptionValues): CustomerSelector {
	const id = stringOption(values, 'id')?.trim();
	const identity = stringOption(values, 'identity');
	if (id !== undefined && identity !== undefined) throw usageError('give either --id or --identity, not both');
	if (id !== undefined) {
		if (!id) throw usageError('--id: the customer id is empty');
		return { id };
	}
	if (identity === undefined) throw usageError('say which customer: --id <customer id> or --identity <kind:value>');
	const colon = identity.indexOf(':');
	const kind = colon < 0 ? '' : identity.slice(0, colon).trim();
	const value = colon < 0 ? '' : identity.slice(colon + 1).trim();
	if (!kind || !value) throw usageError(`--identity ${identity}: expected kind:value, e.g. phone:+5511987654321 or email:ana@example.org`);
	return { identity: { kind, value }, defaultCountry: defaultCountry(values) };
}

function describeSelector(selector: CustomerSelector): string {
	return 'id' in selector ? `id "${selector.id}"` : `${selector.identity.kind} ${JSON.stringify(selector.identity.value)}`;
}

/** The id of the customer the selector names today; exit 3 when there is none. */
export async function findCustomer(graph: CustomerGraph, selector: CustomerSelector): Promise<string> {
	let id: string | undefined;
	try {
		id = await graph.findCustomerId(selector);
	} catch (error) {
		if (error instanceof CustomerOperationError) throw usageError(`--identity: ${error.message}`);
		throw error;
	}
	if (!id) throw notFoundError(`no customer with ${describeSelector(selector)} in this store (it may have been forgotten, or never seen)`);
	return id;
}
