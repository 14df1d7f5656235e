import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockAddress, lockFolderWithSocket } from '../../core/store/socket-folder-lock';

(process.platform === 'linux' ? describe : describe.skip)('the socket lock (the embedded store lock on Linux)', () => {
	let base: string;
	beforeEach(() => {
		base = mkdtempSync(join(tmpdir(), 'omnichannel-lock-socket-'));
	});
	afterEach(() => rmSync(base, { recursive: true, force: true }));

	it('names a folder by what it is, not by the path to it, with a name that fills sun_path', () => {
		const folder = join(base, 'store');
		mkdirSync(folder);
		symlinkSync(folder, join(base, 'link'));
		expect(lockAddress(join(base, 'link'))).toBe(lockAddress(folder));
		expect(lockAddress(join(base, 'link'))).not.toBe(lockAddress(base));
		// Node 20 and Node 22 bind shorter abstract names to different addresses.
		expect(Buffer.byteLength(lockAddress(folder))).toBe(108);
	});

	it('refuses a second lock while held, naming the holder, and is free again once released', async () => {
		const release = await lockFolderWithSocket(base);
		await expect(lockFolderWithSocket(base)).rejects.toThrow(`is in use by process ${process.pid}`);
		release();
		(await lockFolderWithSocket(base))();
	});
});
