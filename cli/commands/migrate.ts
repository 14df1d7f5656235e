import { DEFAULT_SCHEMA, describeStore } from '../../core';
import { MIGRATIONS, migrate } from '../../core/store/migrations';
import { PostgresDatabase } from '../../core/store/postgres-database';
import { EXIT, usageError, writeJson } from '../cli-io';
import { stringOption, type Command } from '../command';
import { storeConfig, storeFailure, STORE_OPTION } from '../store-option';

export const migrateCommand: Command = {
	name: 'migrate',
	summary: 'bring the store schema on a PostgreSQL server up to date',
	help: `Usage: n8n-omnichannel migrate --store postgres://user:password@host:5432/database[?schema=name]

Creates or updates the store's tables on a PostgreSQL server, e.g. before n8n workers start
(they also do it when they first open the store; running it ahead lets a user with schema
rights do it once). Safe to run several times and from several machines at once.
The embedded store (a folder) is brought up to date whenever it is opened: nothing to do.

Prints JSON on stdout:
  {"store": "<server, without password>", "schema": "omnichannel",
   "applied": [{"version": 1, "name": "identity graph"}], "version": 1,
   "status": "migrated" | "already up to date"}

Exit status: 0, 1 when the server can't be reached or a migration fails, 2 without a
postgres:// URL.`,
	options: { ...STORE_OPTION },
	async run({ values, positionals }, io) {
		if (positionals.length) throw usageError(`unexpected argument ${positionals[0]}`);
		const location = stringOption(values, 'store');
		if (!location || !/^postgres(ql)?:\/\//i.test(location.trim())) {
			throw usageError(
				'migrate needs --store postgres://user:password@host:5432/database (the embedded store migrates itself whenever it is opened)',
			);
		}
		const config = storeConfig(location);
		if (config.type !== 'postgres') throw usageError('migrate needs --store postgres://…');
		const schema = config.schema ?? DEFAULT_SCHEMA;
		const description = describeStore(config);
		let db: PostgresDatabase | undefined;
		try {
			db = await PostgresDatabase.open({ connectionString: config.connectionString, connectionTimeoutMillis: 15_000 }, description);
			const applied = await migrate(db, schema);
			await writeJson(io.stdout, {
				store: description,
				schema,
				applied: MIGRATIONS.filter((migration) => applied.includes(migration.version)).map(({ version, name }) => ({ version, name })),
				version: Math.max(...MIGRATIONS.map((migration) => migration.version)),
				status: applied.length ? 'migrated' : 'already up to date',
			});
			return EXIT.ok;
		} catch (error) {
			throw storeFailure(config, error);
		} finally {
			await db?.close().catch(() => undefined);
		}
	},
};
