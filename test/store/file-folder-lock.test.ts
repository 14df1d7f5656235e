import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, lockFolderWithFile } from '../../core/store/file-folder-lock';

describe('the lock file (the embedded store lock on macOS)', () => {
	let folder: string;
	beforeEach(() => {
		folder = mkdtempSync(join(tmpdir(), 'omnichannel-lock-file-'));
	});
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	it('is created whole with this pid, and removed on release', async () => {
		const release = await lockFolderWithFile(folder);
		expect(readdirSync(folder)).toEqual([LOCK_FILE]);
		expect(readFileSync(join(folder, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid} \\S+\\n$`));
		release();
		expect(readdirSync(folder)).toEqual([]);
	});

	it('refuses a second lock while this process holds it', async () => {
		const release = await lockFolderWithFile(folder);
		await expect(lockFolderWithFile(folder)).rejects.toThrow(`is in use by process ${process.pid}`);
		release();
	});

	it("takes over a lock with this pid that this process does not hold: a container's previous run", async () => {
		writeFileSync(join(folder, LOCK_FILE), `${process.pid} previous-run\n`);
		const release = await lockFolderWithFile(folder);
		expect(readFileSync(join(folder, LOCK_FILE), 'utf8')).not.toContain('previous-run');
		release();
	});

	it('takes over the lock of a process that no longer runs, as left by earlier versions', async () => {
		writeFileSync(join(folder, LOCK_FILE), '999999999');
		const release = await lockFolderWithFile(folder);
		expect(readdirSync(folder)).toEqual([LOCK_FILE]);
		release();
	});
});
