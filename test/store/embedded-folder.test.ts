import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closeStores, CustomerGraph, openStore } from '../../core';

const ROOT = join(__dirname, '../..');

/** Node code that opens the embedded store in `folder`, for a process of its own. */
const openInChild = (folder: string) => `require('ts-node/register/transpile-only'); require('./core').openStore({ type: 'embedded', folder: ${JSON.stringify(folder)} })`;

describe('the embedded store in a folder', () => {
	let folder: string;
	beforeEach(() => {
		folder = mkdtempSync(join(tmpdir(), 'omnichannel-folder-'));
	});
	afterEach(async () => {
		await closeStores();
		rmSync(folder, { recursive: true, force: true });
	});

	it('keeps customers across restarts', async () => {
		const [outcome] = await new CustomerGraph(await openStore({ type: 'embedded', folder })).resolve([{ identities: [{ kind: 'email', value: 'kept@example.org' }] }]);
		await closeStores();
		const reopened = new CustomerGraph(await openStore({ type: 'embedded', folder }));
		expect(await reopened.findCustomerId({ identifier: { kind: 'email', value: 'kept@example.org' } })).toBe(outcome.customerId);
	});

	it('refuses a second process while one has it open, and says what to do', async () => {
		await openStore({ type: 'embedded', folder });
		const script = `${openInChild(folder)}.then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`;
		// Not spawnSync: this process holds the lock and answers, from its event loop, who holds it.
		const other = await promisify(execFile)(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).then(
			() => ({ code: 0, stderr: '' }),
			(error: { code: number; stderr: string }) => error,
		);
		expect(other.code).toBe(1);
		expect(other.stderr).toContain(`is in use by process ${process.pid}`);
		expect(other.stderr).toContain('PostgreSQL');
	});

	it('opens a folder whose holder was killed', async () => {
		const holder = spawn(process.execPath, ['-e', `${openInChild(folder)}.then(() => { console.log('open'); setInterval(() => undefined, 60000); })`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
		await once(holder.stdout, 'data');
		holder.kill('SIGKILL');
		await once(holder, 'exit');
		await expect(openStore({ type: 'embedded', folder })).resolves.toBeDefined();
	});

	it('does not keep a process alive with its lock', async () => {
		const script = `require('ts-node/register/transpile-only'); require('./core/store/folder-lock').lockFolder(${JSON.stringify(folder)}).then(() => console.log('locked'))`;
		const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 20000 });
		expect(stdout).toBe('locked\n');
	});
});
