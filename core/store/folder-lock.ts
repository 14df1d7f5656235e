import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Claims an embedded store's folder for this process: two processes writing one PGlite
 * folder would corrupt it. A lock left by a process that no longer runs is taken over.
 * Returns the function that releases it.
 */
export function lockFolder(folder: string): () => void {
	const path = join(folder, 'omnichannel.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => {
				try {
					unlinkSync(path);
				} catch {
					// Already gone: nothing to release.
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(readFileSync(path, 'utf8').trim());
			if (owner && owner !== process.pid && isRunning(owner)) {
				throw new Error(
					`the embedded store in ${folder} is in use by process ${owner} (an n8n instance or the n8n-omnichannel CLI). ` +
						'Stop it first, or keep customers in PostgreSQL to share them between processes.',
				);
			}
			unlinkSync(path);
		}
	}
	throw new Error(`could not lock the embedded store in ${folder}`);
}
