import { describeStore } from '../../core';
import { compactStore } from '../../core/store/compaction';
import { EXIT, usageError, writeJson } from '../cli-io';
import { stringOption, type Command } from '../command';
import { openGraph, STORE_HELP, STORE_OPTION } from '../store-option';

export const vacuumCommand: Command = {
	name: 'vacuum',
	summary: 'compact the store, so that erased customers leave its table files (VACUUM FULL)',
	help: `Usage: n8n-omnichannel vacuum [--store S]

Rewrites the store's tables (VACUUM FULL): rows that forget deleted, and old versions of
changed rows, stay in the table files until then. The embedded store does this by itself after
every forget. On a PostgreSQL server, run it after forgetting customers, or rely on your own
VACUUM FULL policy: a server's autovacuum frees the space but does not erase it.

Each table is locked while it is rewritten: workers resolving at that moment wait for it.
It needs the rights of the tables' owner (the user that created them).

It does not reach copies outside the tables: the server's write-ahead log (pg_wal, and its
archives and replicas) keeps changes until it is recycled, and backups keep what they hold
until they expire.

Prints JSON on stdout:
  {"store": "<where>", "tables": ["customers", …], "seconds": 1.4}

Exit status: 0, 1 when the store fails, 2 on a usage error.

Options:
${STORE_HELP}`,
	options: { ...STORE_OPTION },
	async run({ values, positionals }, io) {
		if (positionals.length) throw usageError(`unexpected argument ${positionals[0]}`);
		const { graph, config, guard } = await openGraph(stringOption(values, 'store'));
		const { tables, seconds } = await guard(() => compactStore(graph.db));
		await writeJson(io.stdout, { store: describeStore(config), tables, seconds: Math.round(seconds * 100) / 100 });
		return EXIT.ok;
	},
};
