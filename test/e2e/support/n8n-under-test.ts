/**
 * The real n8n the end-to-end tests run against, started once per run by global-setup.ts:
 * the package packed and installed into a temporary user folder as n8n installs community
 * packages, the provider stand-ins and n8n on free ports, the owner account, the example
 * credentials and the example workflows, published. What the tests need to reach it is
 * written to a state file (jest's test files cannot see globalSetup's variables).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCredentials, EXAMPLE_ACCOUNTS, exampleCredentials, standInAcceptance } from '../../../scripts/n8n-runtime/example-credentials';
import { importExampleWorkflows, type ImportedWorkflow } from '../../../scripts/n8n-runtime/example-workflows';
import { installIntoUserFolder, packPackage, useN8nWorkflowOfN8n } from '../../../scripts/n8n-runtime/install-package';
import { portInUse } from '../../../scripts/n8n-runtime/n8n-process';
import { N8nRestClient, type Owner } from '../../../scripts/n8n-runtime/rest-client';

export const E2E_OWNER: Owner = { email: 'e2e@example.com', password: 'Omnichannel1', firstName: 'End', lastName: 'ToEnd' };

export interface E2eState {
	url: string;
	pid: number;
	userFolder: string;
	logFile: string;
	standIns: { apiUrl: string; smtpPort: number };
	telegramSecret: string;
	workflows: ImportedWorkflow[];
	/** Seconds the setup took, and n8n's start alone. */
	setupSeconds: number;
	n8nStartSeconds: number;
}

/** Where global-setup.ts writes the state, per run (the variable is set before the test files load). */
export function stateFile(): string {
	const file = process.env.OMNICHANNEL_E2E_STATE;
	if (!file) throw new Error('OMNICHANNEL_E2E_STATE is not set: run the end-to-end tests with npm run test:e2e');
	return file;
}

export function readState(): E2eState {
	return JSON.parse(readFileSync(stateFile(), 'utf8')) as E2eState;
}

export function writeState(state: E2eState): void {
	writeFileSync(stateFile(), JSON.stringify(state, null, 2));
}

/** A free port whose next port is free too (n8n's task broker takes it). */
export async function freePortPair(): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
			});
		});
		if (port > 0 && port < 65000 && !(await portInUse(port + 1))) return port;
	}
	throw new Error('no two consecutive free ports on 127.0.0.1');
}

export function temporaryUserFolder(prefix: string): string {
	return mkdtempSync(join(tmpdir(), `omnichannel-${prefix}-`));
}

export function removeFolder(folder: string): void {
	rmSync(folder, { recursive: true, force: true });
}

/** The built package, installed into `userFolder` as n8n installs community packages. */
export async function installPackage(userFolder: string, n8nNodeModules: string): Promise<void> {
	const log = join(userFolder, 'package-install.log');
	const tarball = await packPackage(join(userFolder, 'pack'), log);
	await installIntoUserFolder(tarball, userFolder, log);
	useN8nWorkflowOfN8n(userFolder, n8nNodeModules);
}

/** Owner, example credentials pointing at the stand-ins, example workflows published. */
export async function setUpInstance(url: string, standIns: { apiUrl: string; smtpPort: number }, userFolder: string, databaseKey = 'sqlite'): Promise<{ client: N8nRestClient; workflows: ImportedWorkflow[] }> {
	const client = new N8nRestClient(url);
	await client.ensureOwner(E2E_OWNER);
	const credentials = await ensureCredentials(client, exampleCredentials(standIns));
	const workflows = await importExampleWorkflows(client, { credentials, standInsUrl: standIns.apiUrl, stateFile: join(userFolder, 'example-workflows.json'), databaseKey });
	return { client, workflows };
}

export { EXAMPLE_ACCOUNTS, standInAcceptance };

/** The intake workflow and the production URL of one of its triggers. */
export function intake(state: Pick<E2eState, 'workflows'>): ImportedWorkflow {
	const found = state.workflows.find((workflow) => workflow.file.includes('omnichannel-intake'));
	if (!found?.active) throw new Error('the intake workflow is not active');
	return found;
}

export function triggerUrl(workflow: ImportedWorkflow, node: string): string {
	const webhook = workflow.webhooks.find((candidate) => candidate.node === node);
	if (!webhook) throw new Error(`no trigger "${node}" in "${workflow.name}"`);
	return webhook.url;
}

export async function standInRecords(apiUrl: string, since = 0): Promise<{ seq: number; api: string; to?: string; text?: string; status: number }[]> {
	return (await (await fetch(`${apiUrl}/__records?since=${since}`)).json()) as { seq: number; api: string; to?: string; text?: string; status: number }[];
}

export async function lastRecordSeq(apiUrl: string): Promise<number> {
	return (await standInRecords(apiUrl)).reduce((max, record) => Math.max(max, record.seq), 0);
}
