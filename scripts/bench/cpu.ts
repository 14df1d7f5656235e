import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on Linux. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by the PostgreSQL processes on this machine, read from /proc
 * (Linux); undefined where there is none to read, e.g. a server on another machine.
 */
function postgresCpuSeconds(): number | undefined {
	let ticks = 0;
	let found = false;
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
	} catch {
		return undefined;
	}
	for (const pid of pids) {
		let stat: string;
		try {
			stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue; // ended meanwhile
		}
		const close = stat.lastIndexOf(')');
		if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
		// After "pid (comm) ": state, ppid, …; utime and stime are the 12th and 13th fields.
		const fields = stat.slice(close + 2).split(' ');
		ticks += Number(fields[11]) + Number(fields[12]);
		found = true;
	}
	return found ? ticks / TICKS_PER_SECOND : undefined;
}

/** CPU used by this process and by the PostgreSQL server while `work` runs, in seconds. */
export class CpuMeter {
	client = 0;
	server: number | undefined = 0;

	async measure<T>(work: () => Promise<T>): Promise<T> {
		const server = postgresCpuSeconds();
		const client = process.cpuUsage();
		try {
			return await work();
		} finally {
			const used = process.cpuUsage(client);
			this.client += (used.user + used.system) / 1e6;
			const after = postgresCpuSeconds();
			this.server = server === undefined || after === undefined || this.server === undefined ? undefined : this.server + after - server;
		}
	}
}
