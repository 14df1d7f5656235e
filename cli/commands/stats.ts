import { describeStore } from '../../core';
import { EXIT, usageError, writeJson } from '../cli-io';
import { stringOption, type Command } from '../command';
import { openGraph, STORE_HELP, STORE_OPTION } from '../store-option';

export const statsCommand: Command = {
	name: 'stats',
	summary: 'count customers, identifiers per kind, events per channel, merges',
	help: `Usage: n8n-omnichannel stats [--store S]

Prints the store's counts as JSON on stdout:
  {"store": "<where>", "customers": 1200, "mergedCustomers": 35,
   "identities": {"email": 900, "phone": 1100, …}, "events": {"whatsapp": 5300, …},
   "merges": 35, "unmerges": 2, "forgottenEvents": 12}
"customers" counts current customers; "mergedCustomers" those merged into another;
"identities" counts identifiers by kind.

Options:
${STORE_HELP}`,
	options: { ...STORE_OPTION },
	async run({ values, positionals }, io) {
		if (positionals.length) throw usageError(`unexpected argument ${positionals[0]}`);
		const { graph, config, guard } = await openGraph(stringOption(values, 'store'));
		const stats = await guard(() => graph.stats());
		await writeJson(io.stdout, { store: describeStore(config), ...stats });
		return EXIT.ok;
	},
};
