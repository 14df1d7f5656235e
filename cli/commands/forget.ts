import { CustomerOperationError } from '../../core';
import { EXIT, notFoundError, usageError, writeJson } from '../cli-io';
import { stringOption, type Command } from '../command';
import { CUSTOMER_HELP, CUSTOMER_OPTIONS, customerSelector, findCustomer } from '../customer-selector';
import { openGraph, STORE_HELP, STORE_OPTION } from '../store-option';

export const forgetCommand: Command = {
	name: 'forget',
	summary: 'erase a customer, everyone merged into it, their identifiers and history (GDPR/LGPD)',
	help: `Usage: n8n-omnichannel forget [--store S] (--id ID | --identifier kind:value)

Erases the customer, every customer merged into it, their identifiers, history and merge
audit. Only keyed hashes stay: of their events and the messages those were about, so that a
redelivered webhook, a late receipt, an edit or a reaction stores nothing; and of their
identifiers, so that import skips them. A new message from the same person starts a new
customer. This cannot be undone.

The embedded store then compacts its tables, so that the erased rows leave its files
("compacted": true); on a PostgreSQL server run n8n-omnichannel vacuum.

Prints a JSON summary on stdout ("identities" counts the identifiers erased):
  {"forgotten": "<customer id>", "customers": 2, "identities": 3, "events": 14, "compacted": true}

Exit status: 0 forgotten, 3 no such customer (message on stderr), 1 store failure,
2 usage error.

Options:
${STORE_HELP}
${CUSTOMER_HELP}`,
	options: { ...STORE_OPTION, ...CUSTOMER_OPTIONS },
	async run({ values, positionals }, io) {
		if (positionals.length) throw usageError(`unexpected argument ${positionals[0]}: name the customer with --id or --identifier`);
		const selector = customerSelector(values);
		const { graph, guard } = await openGraph(stringOption(values, 'store'));
		const result = await guard(async () => {
			const id = await findCustomer(graph, selector);
			try {
				return await graph.forget(id);
			} catch (error) {
				// Forgotten by someone else between the look-up and the erasure.
				if (error instanceof CustomerOperationError) throw notFoundError(error.message);
				throw error;
			}
		});
		const { customerId, ...counts } = result;
		await writeJson(io.stdout, { forgotten: customerId, ...counts });
		return EXIT.ok;
	},
};
