import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStores, CustomerGraph, openStore } from '../../core';

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
		expect(await reopened.findCustomerId({ identity: { kind: 'email', value: 'kept@example.org' } })).toBe(outcome.customerId);
	});

	it('refuses a second process while one has it open, and says what to do', async () => {
		await openStore({ type: 'embedded', folder });
		const script = `require('ts-node/register/transpile-only'); require('./core').openStore({ type: 'embedded', folder: ${JSON.stringify(folder)} }).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`;
		const other = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '../..'), encoding: 'utf8' });
		expect(other.status).toBe(1);
		expect(other.stderr).toContain(`is in use by process ${process.pid}`);
		expect(other.stderr).toContain('PostgreSQL');
	});

	it('takes over the lock of a process that no longer runs', async () => {
		writeFileSync(join(folder, 'omnichannel.lock'), '999999999');
		await expect(openStore({ type: 'embedded', folder })).resolves.toBeDefined();
	});
});
