import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { claimName, LOCK_FILE } from '../../core/store/file-folder-lock';
import { transpileTree } from '../support/transpile-tree';

const RACERS = 5;
// Time for an order to reach every racer before the instant they all start at.
const START_MARGIN_MS = 25;

interface Reply {
	round?: number;
	held?: boolean;
	late?: number;
	error?: string;
	from?: string;
	until?: string;
	holding?: boolean;
}

/** A process running folder-lock-racer, answering one JSON line per order. */
class Racer {
	private readonly child: ChildProcessWithoutNullStreams;
	private readonly replies: Reply[] = [];
	private readonly waiting: ((reply: Reply) => void)[] = [];

	constructor(racer: string, lock: { module: string; name: string }) {
		this.child = spawn(process.execPath, [racer, lock.module, lock.name]);
		this.child.stderr.pipe(process.stderr);
		createInterface({ input: this.child.stdout }).on('line', (line) => {
			const reply = JSON.parse(line) as Reply;
			const waiter = this.waiting.shift();
			if (waiter) waiter(reply);
			else this.replies.push(reply);
		});
	}

	get pid(): number {
		return this.child.pid!;
	}

	ask(order: object): Promise<Reply> {
		this.child.stdin.write(`${JSON.stringify(order)}\n`);
		const ready = this.replies.shift();
		return ready ? Promise.resolve(ready) : new Promise((resolve) => this.waiting.push(resolve));
	}

	async kill(): Promise<void> {
		const exited = once(this.child, 'exit');
		this.child.kill('SIGKILL');
		await exited;
	}

	async stop(): Promise<void> {
		const exited = once(this.child, 'exit');
		this.child.stdin.end();
		await exited;
	}
}

interface Tally {
	rounds: number;
	/** Rounds in which more than one racer got the lock: what must never happen. */
	shared: number;
	/** Rounds in which nobody got it, though the folder was free. */
	unheld: number;
	/** Pairs of holding intervals that overlap in time. */
	overlaps: number;
	/** Refusals that were not the usual message, or named a process other than the holder. */
	oddRefusals: string[];
	/** Racers that started more than a millisecond after the round's instant. */
	lateStarts: number;
	intervals: [bigint, bigint][];
}

const newTally = (): Tally => ({ rounds: 0, shared: 0, unheld: 0, overlaps: 0, oddRefusals: [], lateStarts: 0, intervals: [] });

/** What must hold of every scenario: one holder per round, no two holds at once, the usual refusal for the others. */
function expectOneHolderAtATime(tally: Tally, rounds: number): void {
	const { shared, unheld, overlaps, oddRefusals } = tally;
	expect(tally.rounds).toBe(rounds);
	expect({ shared, unheld, overlaps, oddRefusals }).toEqual({ shared: 0, unheld: 0, overlaps: 0, oddRefusals: [] });
}

/** All racers try to lock `folder` at one instant; the winners hold it until all have answered. */
async function race(racers: Racer[], folder: string, round: number, tally: Tally): Promise<void> {
	const at = Date.now() + START_MARGIN_MS;
	const replies = await Promise.all(racers.map((racer) => racer.ask({ try: round, folder, at })));
	const winners = racers.filter((_, i) => replies[i].held);
	tally.rounds++;
	if (winners.length > 1) tally.shared++;
	if (winners.length === 0) tally.unheld++;
	tally.lateStarts += replies.filter((reply) => (reply.late ?? 0) > 1).length;
	for (const reply of replies.filter((reply) => !reply.held)) {
		const named = reply.error?.match(/is in use by process (\d+)/)?.[1];
		const usual = /is in use by (process \d+|another process) .*PostgreSQL/.test(reply.error ?? '');
		if (!usual || (named && winners.length === 1 && Number(named) !== winners[0].pid)) tally.oddRefusals.push(reply.error ?? '');
	}
	// Recorded after the lock was taken and before it was released: a true hold spans at least this.
	for (const winner of winners) {
		const { from, until } = await winner.ask({ release: round });
		tally.intervals.push([BigInt(from!), BigInt(until!)]);
	}
}

function countOverlaps(intervals: [bigint, bigint][]): number {
	const sorted = [...intervals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	let overlaps = 0;
	let latestEnd = -1n;
	for (const [from, until] of sorted) {
		if (from <= latestEnd) overlaps++;
		if (until > latestEnd) latestEnd = until;
	}
	return overlaps;
}

/*
 * The lock functions under test, as JavaScript: the one the store uses on this system, and the lock
 * file the store uses where there are no abstract sockets or named pipes (macOS), tried here too.
 */
const LOCKS = [
	{ name: 'lockFolder', source: 'core/store/folder-lock.ts', freshRounds: 150, staleRounds: 150, deadClaimRounds: 0 },
	{ name: 'lockFolderWithFile', source: 'core/store/file-folder-lock.ts', freshRounds: 100, staleRounds: 100, deadClaimRounds: 50 },
];

// Pids above Linux's highest (2^22): no process has them.
const DEAD_PIDS = [999_999_998, 999_999_999];

describe.each(LOCKS)('$name raced by several processes', ({ name, source, freshRounds, staleRounds, deadClaimRounds }) => {
	let base: string;
	let racerScript: string;
	let lock: { module: string; name: string };
	let racers: Racer[];
	beforeAll(() => {
		base = mkdtempSync(join(tmpdir(), 'omnichannel-race-'));
		racerScript = transpileTree('test/store/folder-lock-racer.ts', join(base, 'js'));
		lock = { module: transpileTree(source, join(base, 'js')), name };
		racers = Array.from({ length: RACERS }, () => new Racer(racerScript, lock));
	});
	afterAll(async () => {
		await Promise.all(racers.map((racer) => racer.stop()));
		rmSync(base, { recursive: true, force: true });
	});

	const report = (scenario: string, tally: Tally, started: number) =>
		process.stdout.write(
			`${name}, ${scenario}: ${tally.rounds} rounds, ${tally.shared} with two holders or more, ${tally.unheld} with none, ` +
				`${tally.overlaps} overlapping holds, ${tally.oddRefusals.length} odd refusals, ${tally.lateStarts} late starts, ${Date.now() - started} ms\n`,
		);

	it('lets one process at a time hold a new folder', async () => {
		const started = Date.now();
		const tally = newTally();
		for (let round = 0; round < freshRounds; round++) await race(racers, join(base, `fresh-${round}`), round, tally);
		tally.overlaps = countOverlaps(tally.intervals);
		report('new folders', tally, started);
		expectOneHolderAtATime(tally, freshRounds);
	}, 120_000);

	it('lets one process at a time take over a folder whose holder was killed', async () => {
		const started = Date.now();
		const tally = newTally();
		// Two folders in turn: the next round's holder starts and locks while this round races.
		const folders = [join(base, 'stale-a'), join(base, 'stale-b')];
		const holdOn = async (folder: string) => {
			const holder = new Racer(racerScript, lock);
			const { holding, error } = await holder.ask({ hold: folder });
			if (!holding) throw new Error(`the holder to kill could not lock ${folder}: ${error}`);
			return holder;
		};
		let next = holdOn(folders[0]);
		for (let round = 0; round < staleRounds; round++) {
			const holder = await next;
			if (round + 1 < staleRounds) next = holdOn(folders[(round + 1) % 2]);
			await holder.kill();
			await race(racers, folders[round % 2], round, tally);
		}
		tally.overlaps = countOverlaps(tally.intervals);
		report('folders of killed holders', tally, started);
		expectOneHolderAtATime(tally, staleRounds);
	}, 120_000);

	if (deadClaimRounds) {
		it('lets one process at a time take over a lock file whose holder and first claimant died', async () => {
			const started = Date.now();
			const tally = newTally();
			for (let round = 0; round < deadClaimRounds; round++) {
				const folder = join(base, `dead-claim-${round}`);
				mkdirSync(folder);
				const lockFile = join(folder, LOCK_FILE);
				const [holder, claimant] = DEAD_PIDS.map((pid) => `${pid} ${randomUUID()}\n`);
				writeFileSync(lockFile, holder);
				writeFileSync(claimName(lockFile, holder), claimant);
				await race(racers, folder, round, tally);
			}
			tally.overlaps = countOverlaps(tally.intervals);
			report('lock files of a dead holder and a dead claimant', tally, started);
			expectOneHolderAtATime(tally, deadClaimRounds);
		}, 60_000);
	}
});
