import { EXIT, notFoundError, usageError, writeJson } from '../cli-io';
import { stringOption, type Command } from '../command';
import { CUSTOMER_HELP, CUSTOMER_OPTIONS, customerSelector, findCustomer } from '../customer-selector';
import { openGraph, STORE_HELP, STORE_OPTION } from '../store-option';

const DEFAULT_HISTORY = 20;
// More than anyone reads, and well within what the store's LIMIT takes.
const MAX_HISTORY = 100_000;

function historyLimit(value: string | undefined): number {
	if (value === undefined) return DEFAULT_HISTORY;
	const limit = Number(value.trim());
	if (!/^\d+$/.test(value.trim()) || limit > MAX_HISTORY) throw usageError(`--history ${value}: expected a number of events from 0 to ${MAX_HISTORY}`);
	return limit;
}

export const customerCommand: Command = {
	name: 'customer',
	// Its name until the CLI spoke of customers throughout; scripts written then keep working.
	aliases: ['profile'],
	summary: "show a customer: identifiers, traits, channels, merges and recent history",
	help: `Usage: n8n-omnichannel customer [--store S] (--id ID | --identifier kind:value) [--history N]

Prints the customer as indented JSON on stdout (pipe through jq -c for one line):
  {"id", "createdAt", "identities": [{"kind", "value"}], "traits", "channels": [{"channel",
   "lastSeenAt"}], "mergedFrom": [ids merged into it], "history": [most recent events first]}

Exit status: 0 found, 3 no such customer (message on stderr), 1 store failure, 2 usage error.
"profile" is this command's earlier name, still accepted.

Options:
${STORE_HELP}
${CUSTOMER_HELP}
  --history <N>
      How many of the most recent events to include (default ${DEFAULT_HISTORY}; 0 for none).`,
	options: { ...STORE_OPTION, ...CUSTOMER_OPTIONS, history: { type: 'string' } },
	async run({ values, positionals }, io) {
		if (positionals.length) throw usageError(`unexpected argument ${positionals[0]}: name the customer with --id or --identifier`);
		const selector = customerSelector(values);
		const limit = historyLimit(stringOption(values, 'history'));
		const { graph, guard } = await openGraph(stringOption(values, 'store'));
		const customer = await guard(async () => graph.getCustomer(await findCustomer(graph, selector), limit));
		// Forgotten by someone else between the look-up and the read.
		if (!customer) throw notFoundError('the customer was forgotten while this ran');
		await writeJson(io.stdout, customer);
		return EXIT.ok;
	},
};
