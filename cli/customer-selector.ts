import { CustomerOperationError, type CustomerGraph, type RawIdentity } from '../core';
import { notFoundError, usageError } from './cli-io';
import { stringOption, type OptionValues } from './command';
import { defaultCountry } from './default-country-option';

/** `--id` or `--identifier` (`--identity`, its name before, still works): how customer and forget name one customer. */
export const CUSTOMER_OPTIONS = {
	id: { type: 'string' },
	identifier: { type: 'string' },
	identity: { type: 'string' },
	'default-country': { type: 'string' },
} as const;

export const CUSTOMER_HELP = `  --id <customer id>
      The customer's id (an id merged into another customer finds that customer).
  --identifier <kind:value>
      One of the customer's identifiers, normalized as resolution does: phone:+5511987654321,
      whatsapp:5511987654321, email:ana@example.org, messenger:<pageId>:<psid>,
      instagram:<igAccountId>:<igsid>, telegram:<id>, hubspot:<id>… (split on the first ':').
      --identity is its earlier name, still accepted.
  --default-country <CC>
      Country for a phone given without a country code, e.g. --identifier "phone:(11) 98765-4321"
      --default-country BR.`;

export type CustomerSelector = { id: string } | { identifier: RawIdentity; defaultCountry?: string };

/** The --identifier given, under its name or its earlier one (--identity), with the name used. */
function identifierOption(values: OptionValues): { option: string; text: string } | undefined {
	const identifier = stringOption(values, 'identifier');
	const identity = stringOption(values, 'identity');
	if (identifier !== undefined && identity !== undefined) throw usageError('--identity is the earlier name of --identifier: give one of them');
	if (identifier !== undefined) return { option: '--identifier', text: identifier };
	return identity === undefined ? undefined : { option: '--identity', text: identity };
}

/** Reads exactly one of --id and --identifier; anything else is a usage error. */
export function customerSelector(values: OptionValues): CustomerSelector {
	const id = stringOption(values, 'id')?.trim();
	const identifier = identifierOption(values);
	if (id !== undefined && identifier !== undefined) throw usageError(`give either --id or ${identifier.option}, not both`);
	if (id !== undefined) {
		if (!id) throw usageError('--id: the customer id is empty');
		return { id };
	}
	if (identifier === undefined) throw usageError('say which customer: --id <customer id> or --identifier <kind:value>');
	const { option, text } = identifier;
	const colon = text.indexOf(':');
	const kind = colon < 0 ? '' : text.slice(0, colon).trim();
	const value = colon < 0 ? '' : text.slice(colon + 1).trim();
	if (!kind || !value) throw usageError(`${option} ${text}: expected kind:value, e.g. phone:+5511987654321 or email:ana@example.org`);
	return { identifier: { kind, value }, defaultCountry: defaultCountry(values) };
}

function describeSelector(selector: CustomerSelector): string {
	return 'id' in selector ? `id "${selector.id}"` : `${selector.identifier.kind} ${JSON.stringify(selector.identifier.value)}`;
}

/** The id of the customer the selector names today; exit 3 when there is none. */
export async function findCustomer(graph: CustomerGraph, selector: CustomerSelector): Promise<string> {
	let id: string | undefined;
	try {
		id = await graph.findCustomerId(selector);
	} catch (error) {
		if (error instanceof CustomerOperationError) throw usageError(`--identifier: ${error.message}`);
		throw error;
	}
	if (!id) throw notFoundError(`no customer with ${describeSelector(selector)} in this store (it may have been forgotten, or never seen)`);
	return id;
}
