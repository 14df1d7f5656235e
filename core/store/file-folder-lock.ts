import { createHash, randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { folderInUse } from './folder-in-use';

export const LOCK_FILE = 'omnichannel.lock';
const ATTEMPTS = 200;
const RETRY_MS = 10;

// Lock contents this process holds: a pid of ours in a lock file is a live lock only if it is one of these
// (in a container n8n gets the same pid at every start, so a dead predecessor's lock may carry ours).
const heldHere = new Set<string>();

function pidOf(content: string): number {
	return Number(content.trim().split(/\s+/)[0]);
}

function isRunning(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function isAlive(content: string, mine: string): boolean {
	const pid = pidOf(content);
	return pid === process.pid ? content === mine || heldHere.has(content) : isRunning(pid);
}

function read(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/** Gives `file` the name `name` too, unless the name exists: link() is atomic and exclusive. */
function linkAs(file: string, name: string): boolean {
	try {
		linkSync(file, name);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}
}

function remove(path: string): void {
	try {
		unlinkSync(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
}

/** The name of the claim on the lock or claim whose content is `content`. */
export function claimName(lock: string, content: string): string {
	return `${lock}.${createHash('sha256').update(content).digest('hex').slice(0, 32)}`;
}

/*
 * Taking over the lock of a dead process. The lock file is never changed in place, and every content
 * is unique (pid and a random nonce). A claim on the dead lock is a file named after its content,
 * created by link(), so one process alone wins it; that winner alone may replace the lock, and does so
 * with rename() after checking the lock still has that content. Nobody else can have changed it in
 * between: a lock is replaced only through its claim, and a claim name is freed only once the lock
 * it names is gone (renamed over, or seen changed by a claimant that then gives up). A claimant that
 * dies before renaming leaves a dead claim; claims on that claim work the same way, one level down.
 * Returns true once our file is the lock; the pid of a live claimant to wait for; false to start over.
 */
function takeOver(lock: string, dead: string, draft: string, mine: string): boolean | number {
	let over = dead;
	for (;;) {
		const claim = claimName(lock, over);
		if (linkAs(draft, claim)) {
			if (read(lock) === dead) {
				renameSync(claim, lock);
				return true;
			}
			remove(claim);
			return false;
		}
		const claimant = read(claim);
		if (claimant === undefined) return false;
		if (isAlive(claimant, mine)) return pidOf(claimant);
		over = claimant;
	}
}

/**
 * Holds `folder` with the lock file omnichannel.lock, for systems without abstract sockets or named
 * pipes (macOS). The file is created whole with its content (written under a name of our own, then
 * link()ed to the lock's name, which fails if it exists), so nobody ever reads it half-written. The
 * lock of a process that no longer runs is taken over (see takeOver), by one process only.
 */
export async function lockFolderWithFile(folder: string): Promise<() => void> {
	const lock = join(folder, LOCK_FILE);
	const mine = `${process.pid} ${randomUUID()}\n`;
	const draft = join(folder, `${LOCK_FILE}.${randomUUID()}.draft`);
	writeFileSync(draft, mine, { flag: 'wx' });
	try {
		let waitingFor: number | undefined;
		for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
			if (linkAs(draft, lock)) return holding(lock, mine);
			const held = read(lock);
			if (held === undefined) continue;
			if (isAlive(held, mine)) throw folderInUse(folder, pidOf(held));
			const outcome = takeOver(lock, held, draft, mine);
			if (outcome === true) return holding(lock, mine);
			if (outcome === false) continue;
			waitingFor = outcome;
			await sleep(RETRY_MS);
		}
		throw folderInUse(folder, waitingFor);
	} finally {
		remove(draft);
	}
}

function holding(lock: string, mine: string): () => void {
	heldHere.add(mine);
	return () => {
		if (!heldHere.delete(mine)) return;
		try {
			// Always still ours: a live holder's lock is never taken over.
			if (read(lock) === mine) remove(lock);
		} catch {
			// The folder is gone: nothing to release.
		}
	};
}
