import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DEFAULT_SCHEMA = 'omnichannel';

/** Where customers are kept: the embedded store (a folder, or memory for tests) or a PostgreSQL server. */
export type StoreConfig =
	| { type: 'embedded'; folder?: string; schema?: string }
	| {
			type: 'postgres';
			connectionString?: string;
			host?: string;
			port?: number;
			database?: string;
			user?: string;
			password?: string;
			ssl?: 'disable' | 'require' | 'verify';
			schema?: string;
	  };

/** The embedded store's default folder: beside n8n's own data, in the n8n user folder. */
export function defaultStoreFolder(env: NodeJS.ProcessEnv = process.env): string {
	return join(env.N8N_USER_FOLDER ?? homedir(), '.n8n', 'omnichannel');
}

/**
 * Reads a store location as the CLI takes it: `postgres://user:pass@host/db[?schema=name]`,
 * `memory://` (nothing kept, for trials), or a folder for the embedded store. Nothing means
 * the OMNICHANNEL_STORE environment variable, if set (one setting for every node and worker
 * without a store credential), else the default folder.
 */
export function parseStoreLocation(location?: string, env: NodeJS.ProcessEnv = process.env): StoreConfig {
	if (!location) return env.OMNICHANNEL_STORE ? parseStoreLocation(env.OMNICHANNEL_STORE, {}) : { type: 'embedded', folder: defaultStoreFolder(env) };
	if (location === 'memory://') return { type: 'embedded' };
	if (/^postgres(ql)?:\/\//i.test(location)) {
		const url = new URL(location);
		const schema = url.searchParams.get('schema') ?? undefined;
		url.searchParams.delete('schema');
		return { type: 'postgres', connectionString: url.toString(), schema };
	}
	return { type: 'embedded', folder: resolve(location) };
}

/** The location without secrets, for messages and logs. */
export function describeStore(config: StoreConfig): string {
	if (config.type === 'embedded') return config.folder ? `embedded store in ${config.folder}` : 'in-memory embedded store';
	if (config.connectionString) {
		const url = new URL(config.connectionString);
		url.password = url.password ? '***' : '';
		return `PostgreSQL ${url.toString()}`;
	}
	return `PostgreSQL ${config.user ?? ''}@${config.host ?? 'localhost'}:${config.port ?? 5432}/${config.database ?? ''}`;
}
