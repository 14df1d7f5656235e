/**
 * The local n8n of this clone, as npm start runs it: where its data is, its ports, its
 * owner login, and a file describing the running instance (instance.json in the user
 * folder) for whatever drives it next: npm run demo, end-to-end tests, the benchmark.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ImportedWorkflow } from './example-workflows';
import type { Owner } from './rest-client';

export const REPO_ROOT = resolve(__dirname, '../..');

/** N8N_USER_FOLDER of the local n8n: git-ignored, inside the clone. */
export const LOCAL_USER_FOLDER = join(REPO_ROOT, '.n8n-local');

export const LOCAL_OWNER: Owner = { email: 'admin@example.com', password: 'Omnichannel1', firstName: 'Ada', lastName: 'Admin' };

export const LOCAL_PORTS = { n8n: 5678, standIns: 5688, smtp: 2525 };

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/n8n_omnichannel_local';

export interface LocalInstance {
	url: string;
	pid: number;
	startedAt: string;
	owner: Pick<Owner, 'email' | 'password'>;
	userFolder: string;
	/** n8n's own database. */
	database: 'sqlite' | 'postgres';
	/** Where Customer Merge keeps customers, in words (no secrets). */
	store: string;
	standIns: { apiUrl: string; smtpPort: number };
	workflows: ImportedWorkflow[];
	logFile: string;
}

function instanceFile(userFolder = LOCAL_USER_FOLDER): string {
	return join(userFolder, 'instance.json');
}

export function writeInstance(instance: LocalInstance): void {
	writeFileSync(instanceFile(instance.userFolder), `${JSON.stringify(instance, null, 2)}\n`);
}

export function removeInstance(userFolder = LOCAL_USER_FOLDER): void {
	rmSync(instanceFile(userFolder), { force: true });
}

/** The running local n8n, or undefined when npm start is not running (its process is gone). */
export function readInstance(userFolder = LOCAL_USER_FOLDER): LocalInstance | undefined {
	const file = instanceFile(userFolder);
	if (!existsSync(file)) return undefined;
	const instance = JSON.parse(readFileSync(file, 'utf8')) as LocalInstance;
	try {
		process.kill(instance.pid, 0);
		return instance;
	} catch {
		return undefined;
	}
}
