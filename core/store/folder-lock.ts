import { lockFolderWithFile } from './file-folder-lock';
import { lockFolderWithSocket } from './socket-folder-lock';

/**
 * Claims an embedded store's folder for this process: two processes writing one PGlite folder would
 * corrupt it. Resolves to the function that releases it; the lock never keeps the process alive.
 * Linux and Windows have names the kernel frees when their process dies (an abstract socket, a named
 * pipe), which leaves nothing stale behind; elsewhere (macOS) a lock file, taken over once its
 * process is gone.
 */
export function lockFolder(folder: string): Promise<() => void> {
	const kernelNames = ['linux', 'android', 'win32'].includes(process.platform);
	return kernelNames ? lockFolderWithSocket(folder) : lockFolderWithFile(folder);
}
