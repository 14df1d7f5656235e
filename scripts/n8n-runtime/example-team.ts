/**
 * The example team of the inbox workflows: the queues of workflows/team/queues.json, the agents
 * of workflows/team/agents.csv and a gold-plan customer (workflows/team/customers.jsonl), put
 * into the customer store with the package's own command line (queues import, agents import,
 * resolve) as installed in n8n's user folder, before n8n starts: the embedded store is opened
 * by one process at a time. Agents and queues already there are updated by id and name,
 * customers found by their identifiers, so every start brings them back to the files.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_NAME } from './install-package';
import { runLogged } from './run-command';
import type { RuntimePaths } from './runtime-paths';

export const TEAM_FOLDER = resolve(__dirname, '../../workflows/team');

export const TEAM_FILES = {
	queues: join(TEAM_FOLDER, 'queues.json'),
	agents: join(TEAM_FOLDER, 'agents.csv'),
	customers: join(TEAM_FOLDER, 'customers.jsonl'),
} as const;

/**
 * Seeds the store n8n will use: `store` is a postgres:// URL, or nothing for the embedded store
 * of `userFolder` (where n8n's nodes find it). Output goes to `logFile`.
 */
export async function seedExampleTeam(options: { paths: RuntimePaths; userFolder: string; store?: string; logFile: string }): Promise<void> {
	const cli = join(options.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'dist', 'cli', 'index.js');
	if (!existsSync(cli)) throw new Error(`The package's command line is not installed at ${cli}: install the package first`);
	const store = options.store ?? join(options.userFolder, '.n8n', 'omnichannel');
	const run = async (...args: string[]) => await runLogged(options.paths.nodeBinary, [cli, ...args, '--store', store], { cwd: options.userFolder, logFile: options.logFile });
	await run('queues', 'import', TEAM_FILES.queues);
	await run('agents', 'import', TEAM_FILES.agents);
	await run('resolve', TEAM_FILES.customers);
}
