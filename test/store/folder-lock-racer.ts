/*
 * A process that races for a folder's lock, for folder-lock-race.test.ts. Run as
 * `node folder-lock-racer.js MODULE EXPORT` (the lock function, as JavaScript); reads orders as JSON
 * lines on stdin and answers each with one JSON line on stdout:
 *   {"try":N,"folder":F,"at":T}  at Date.now() T, lock F  -> {"round":N,"held":true|false,"late":ms,"error"?:message}
 *   {"release":N}                 let go of round N's lock -> {"round":N,"from":ns,"until":ns}, the instants it held it
 *   {"hold":F}                    lock F and keep it (a holder to kill) -> {"holding":true|false,"error"?:message}
 * Instants are process.hrtime, one monotonic clock for every process of the machine.
 */
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

type Lock = (folder: string) => Promise<() => void> | (() => void);

const [modulePath, exportName] = process.argv.slice(2);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lock: Lock = require(modulePath)[exportName];
const held = new Map<number, { release: () => void; from: bigint }>();

function answer(message: object): void {
	process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Sleeps until just before `at`, then spins: the racers of a round start within the same millisecond. */
async function waitFor(at: number): Promise<void> {
	if (at - Date.now() > 3) await sleep(at - Date.now() - 3);
	while (Date.now() < at);
}

async function attempt(round: number, folder: string, at: number): Promise<void> {
	await waitFor(at);
	const late = Date.now() - at;
	mkdirSync(folder, { recursive: true });
	try {
		const release = await lock(folder);
		held.set(round, { release, from: process.hrtime.bigint() });
		answer({ round, held: true, late });
	} catch (error) {
		answer({ round, held: false, late, error: (error as Error).message });
	}
}

function release(round: number): void {
	const holding = held.get(round);
	if (!holding) return answer({ round, error: 'not held' });
	held.delete(round);
	const until = process.hrtime.bigint();
	holding.release();
	answer({ round, from: String(holding.from), until: String(until) });
}

// Keeps this process alive, as n8n would be, while it holds a lock to be killed with.
let keepAlive: NodeJS.Timeout | undefined;

createInterface({ input: process.stdin }).on('line', (line) => {
	const order = JSON.parse(line);
	if ('try' in order) void attempt(order.try, order.folder, order.at);
	else if ('release' in order) release(order.release);
	else if ('hold' in order) {
		mkdirSync(order.hold, { recursive: true });
		void Promise.resolve()
			.then(() => lock(order.hold))
			.then(
				() => {
					keepAlive = setInterval(() => undefined, 60_000);
					answer({ holding: true });
				},
				(error: Error) => answer({ holding: false, error: error.message }),
			);
	}
});
process.stdin.on('end', () => clearInterval(keepAlive));
