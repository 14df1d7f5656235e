import { createHash } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { folderInUse } from './folder-in-use';

// Linux abstract names are compared over the whole address length. libuv before 1.48 (Node 20)
// pads an abstract name with NULs to the size of sun_path, later versions (Node 22) do not: only a
// name that fills sun_path exactly (108 bytes, the leading NUL included) is one address for both.
const SUN_PATH_SIZE = 108;

// How long a refused process waits for the holder to say its pid; a busy holder may not answer.
const ASK_TIMEOUT_MS = 1000;

// A name taken with nobody listening yet is a holder between bind() and listen(), or one letting go:
// look again for a while.
const BIND_ATTEMPTS = 40;
const BIND_RETRY_MS = 25;

/**
 * The name that stands for `folder`: an abstract Unix socket on Linux, a named pipe on Windows.
 * Derived from the folder's device and inode, so every path to one folder gives one name.
 */
export function lockAddress(folder: string, platform: NodeJS.Platform = process.platform): string {
	const { dev, ino } = statSync(folder, { bigint: true });
	const identity = ino ? `${dev}:${ino}` : realpathSync.native(folder);
	const hash = createHash('sha256').update(identity).digest('hex');
	if (platform === 'win32') return `\\\\.\\pipe\\n8n-omnichannel-store-${hash}`;
	return `\0n8n-omnichannel-store-${hash}`.padEnd(SUN_PATH_SIZE, '.');
}

/** Binds `server` to `address`: false when another socket has the name. */
function listen(server: Server, address: string): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const failed = (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error));
		server.once('error', failed);
		server.listen(address, () => {
			server.off('error', failed);
			resolve(true);
		});
	});
}

/** Whether someone still listens at `address`, and the pid it answers with (none if it stays silent). */
function askHolder(address: string): Promise<{ present: boolean; pid?: number }> {
	return new Promise((resolve) => {
		let answer = '';
		const connection: Socket = createConnection(address);
		connection.setTimeout(ASK_TIMEOUT_MS, () => {
			connection.destroy();
			resolve({ present: true });
		});
		connection.on('data', (chunk) => (answer += chunk));
		connection.on('end', () => resolve({ present: true, pid: Number(answer.trim()) || undefined }));
		connection.on('error', (error: NodeJS.ErrnoException) =>
			// Refused: nobody listens on the name (yet, or any more). Anything else: it is there but cannot talk now.
			resolve({ present: !['ECONNREFUSED', 'ENOENT'].includes(error.code ?? '') }),
		);
	});
}

/** Tells whoever asks which process holds the lock. */
function answerWithPid(connection: Socket): void {
	connection.on('error', () => undefined);
	connection.unref();
	connection.end(`${process.pid}\n`);
}

/**
 * Holds `folder` by listening on its name. The kernel lets one socket have a name and frees it when
 * its process ends, however it ends: no stale lock to take over, so no race over one. The server is
 * unref'ed, so the lock never keeps the process alive. Limit: abstract names belong to a network
 * namespace, so processes in containers with networks of their own do not see each other's.
 */
export async function lockFolderWithSocket(folder: string): Promise<() => void> {
	const address = lockAddress(folder);
	for (let attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
		if (attempt) await sleep(BIND_RETRY_MS);
		const server = createServer(answerWithPid);
		if (await listen(server, address)) {
			server.unref();
			server.on('error', () => undefined);
			let released = false;
			return () => {
				if (released) return;
				released = true;
				server.close();
			};
		}
		const holder = await askHolder(address);
		if (holder.present) throw folderInUse(folder, holder.pid);
	}
	throw folderInUse(folder, undefined);
}
