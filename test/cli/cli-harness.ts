import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../cli';
import { dropSchema, postgresUnavailable, TEST_POSTGRES_URL, uniqueSchema } from '../support/postgres';

export interface CliRun {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the CLI in this process, with `stdin` as its input. */
export async function cli(argv: string[], stdin = '', options: { isTTY?: boolean } = {}): Promise<CliRun> {
	const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
	let stdout = '';
	let stderr = '';
	streams.stdout.on('data', (chunk) => (stdout += chunk));
	streams.stderr.on('data', (chunk) => (stderr += chunk));
	streams.stdin.end(stdin);
	const code = await runCli(argv, { ...streams, isTTY: options.isTTY });
	return { code, stdout, stderr };
}

/** Starts the real entry in its own process, as the `n8n-omnichannel` bin would, with pipes for stdin and stdout. */
export function spawnCli(argv: string[]): ChildProcessWithoutNullStreams {
	return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'cli/index.ts', ...argv], { cwd: join(__dirname, '..', '..') });
}

/** The JSON lines a run printed. */
export const jsonLines = (run: CliRun) =>
	run.stdout
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line));

export const jsonLine = (value: unknown) => `${JSON.stringify(value)}\n`;

/** A temporary folder for files and embedded stores, removed after the suite. */
export function useTempFolder(): () => string {
	let folder: string;
	beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), 'omnichannel-cli-'));
	});
	afterAll(() => rmSync(folder, { recursive: true, force: true }));
	return () => folder;
}

export function writeTempFile(folder: string, name: string, content: string | Buffer): string {
	const path = join(folder, name);
	writeFileSync(path, content);
	return path;
}

export interface CliStore {
	name: string;
	available: boolean;
	/** A fresh --store value for one suite, cleaned up after it. */
	use(): () => string;
}

/** The embedded store in memory, and a fresh schema on the PostgreSQL server (skipped when it is unreachable). */
export const CLI_STORES: CliStore[] = [
	{ name: 'embedded (memory://)', available: true, use: () => () => 'memory://' },
	{
		name: 'PostgreSQL server',
		available: !postgresUnavailable,
		use: () => {
			const schema = uniqueSchema('omni_cli');
			afterAll(() => dropSchema(schema));
			return () => `${TEST_POSTGRES_URL}?schema=${schema}`;
		},
	},
];

export function describeEachCliStore(name: string, body: (store: CliStore) => void): void {
	for (const store of CLI_STORES) (store.available ? describe : describe.skip)(`${name} — ${store.name}`, () => body(store));
}
