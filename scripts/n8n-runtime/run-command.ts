/**
 * Runs a long command with its output in a log file rather than on the screen, and a
 * heartbeat line now and then so nobody stares at minutes of silence.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Output goes here (appended), with a header naming the command. */
	logFile: string;
	/** Called every `heartbeatSeconds` with the time elapsed; what it returns is printed. */
	heartbeat?: (elapsedSeconds: number) => string | undefined;
	heartbeatSeconds?: number;
}

/** "1m05s" or "42s". */
export function formatSeconds(seconds: number): string {
	const whole = Math.round(seconds);
	return whole >= 60 ? `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s` : `${whole}s`;
}

function tail(file: string, lines = 20): string {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/** Resolves when the command exits 0; otherwise rejects with the end of its log. */
export async function runLogged(command: string, args: string[], options: RunOptions): Promise<void> {
	const log = openSync(options.logFile, 'a');
	writeSync(log, `\n$ (cd ${options.cwd} && ${command} ${args.join(' ')})  # ${new Date().toISOString()}\n`);
	const started = Date.now();
	const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', log, log] });
	const timer = options.heartbeat
		? setInterval(() => {
				const line = options.heartbeat?.((Date.now() - started) / 1000);
				if (line) process.stdout.write(`${line}\n`);
			}, (options.heartbeatSeconds ?? 30) * 1000)
		: undefined;
	try {
		const code = await new Promise<number | null>((resolve, reject) => {
			child.on('error', reject);
			child.on('exit', (exitCode, signal) => resolve(signal ? 128 : exitCode));
		});
		writeSync(log, `EXIT ${code}\n`);
		if (code !== 0) {
			throw new Error(`${command} ${args.join(' ')} failed (exit ${code}); the end of ${options.logFile}:\n${tail(options.logFile)}`);
		}
	} finally {
		if (timer) clearInterval(timer);
		closeSync(log);
	}
}

/** Runs a short command and returns its standard output, or undefined when it fails. */
export async function capture(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string | undefined> {
	return await new Promise((resolve) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'ignore'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		child.on('error', () => resolve(undefined));
		child.on('exit', (code) => resolve(code === 0 ? output.trim() : undefined));
	});
}
