/**
 * Starts and stops a real n8n server from the provisioned runtime: Node 24, the pinned n8n,
 * a user folder of our choosing, SQLite or PostgreSQL for n8n's own data. Used by npm start,
 * and meant for the end-to-end tests and the benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import type { RuntimePaths } from './runtime-paths';

export type N8nDatabase =
	| { type: 'sqlite' }
	| { type: 'postgres'; host: string; port: number; database: string; user: string; password?: string; schema?: string };

export interface N8nOptions {
	paths: RuntimePaths;
	/** N8N_USER_FOLDER: n8n keeps its data in <userFolder>/.n8n, community packages in <userFolder>/.n8n/nodes. */
	userFolder: string;
	port?: number;
	/** n8n's own database; SQLite in the user folder by default. */
	database?: N8nDatabase;
	/** Added to (and overriding) the environment n8n starts with, e.g. OMNICHANNEL_STORE. */
	env?: Record<string, string | undefined>;
	/** Where n8n's output goes; default <userFolder>/n8n.log. */
	logFile?: string;
	/**
	 * `start` (default): the main process, editor and webhooks on `port`. `worker`: a queue-mode
	 * worker (EXECUTIONS_MODE=queue in `env`) that only runs executions; `port` is then its
	 * health check port (QUEUE_HEALTH_CHECK_PORT), readiness is its /healthz, and its task
	 * broker takes the port after it.
	 */
	command?: 'start' | 'worker';
	/** How long to wait for n8n to be ready; default 120 s. */
	readyTimeoutSeconds?: number;
}

export interface N8nInstance {
	/** http://127.0.0.1:<port> */
	url: string;
	pid: number;
	logFile: string;
	child: ChildProcess;
	/** Seconds from spawn to ready. */
	startSeconds: number;
	/** Resolves with the exit code (or signal number + 128) when n8n exits. */
	exited: Promise<number>;
	/** Stops n8n gracefully (SIGTERM), then forcibly with its child processes after `graceSeconds`. */
	stop(graceSeconds?: number): Promise<void>;
}

const DEFAULT_N8N_PORT = 5678;

/** Whether something already listens on 127.0.0.1:`port`. */
export async function portInUse(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** The environment n8n runs with: only what it needs from ours (no npm_* variables of the npm run that started us), and its settings. */
function n8nEnvironment(options: N8nOptions): NodeJS.ProcessEnv {
	const port = options.port ?? DEFAULT_N8N_PORT;
	const url = `http://127.0.0.1:${port}/`;
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && !/^(INIT_CWD|NODE_OPTIONS|NODE_ENV|TS_NODE_.*)$/.test(name)));
	const database: Record<string, string> =
		options.database?.type === 'postgres'
			? {
					DB_TYPE: 'postgresdb',
					DB_POSTGRESDB_HOST: options.database.host,
					DB_POSTGRESDB_PORT: String(options.database.port),
					DB_POSTGRESDB_DATABASE: options.database.database,
					DB_POSTGRESDB_USER: options.database.user,
					DB_POSTGRESDB_PASSWORD: options.database.password ?? '',
					DB_POSTGRESDB_SCHEMA: options.database.schema ?? 'public',
				}
			: { DB_TYPE: 'sqlite' };
	const env: NodeJS.ProcessEnv = {
		// n8n 2.x otherwise builds a fresh expression isolate for every execution, and another for
		// every webhook whose trigger is not n8n's own Webhook node, whether an expression runs or
		// not: that halves throughput and holds GBs. Lazily, only what evaluates one pays (README).
		N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
		...inherited,
		PATH: `${options.paths.nodeBinFolder}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: url,
		N8N_WEBHOOK_URL: url,
		// The task broker listens on 5679 by default: keep it next to n8n's port, never on it.
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '15',
		N8N_LOG_LEVEL: 'info',
		...database,
		...(options.command === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
	};
	for (const [name, value] of Object.entries(options.env ?? {})) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return env;
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until n8n answers /healthz/readiness (database up and migrated) and serves the REST API. */
async function waitUntilReady(url: string, exited: Promise<number>, timeoutSeconds: number, logFile: string, worker = false): Promise<void> {
	let exitCode: number | undefined;
	void exited.then((code) => (exitCode = code));
	const deadline = Date.now() + timeoutSeconds * 1000;
	while (Date.now() < deadline) {
		if (exitCode !== undefined) throw new Error(`n8n exited (code ${exitCode}) before it was ready; see ${logFile}`);
		try {
			const readiness = await fetch(`${url}/healthz${worker ? '' : '/readiness'}`, { signal: AbortSignal.timeout(2000) });
			if (worker && readiness.ok) return;
			const settings = readiness.ok ? await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5000) }) : undefined;
			if (settings?.ok) return;
		} catch {
			// Not listening yet.
		}
		await sleep(500);
	}
	throw new Error(`n8n was not ready after ${timeoutSeconds} s; see ${logFile}`);
}

/** Starts n8n and resolves once it is ready; rejects (and stops it) if it is not. */
export async function startN8n(options: N8nOptions): Promise<N8nInstance> {
	const port = options.port ?? DEFAULT_N8N_PORT;
	const url = `http://127.0.0.1:${port}`;
	for (const taken of [port, port + 1]) {
		if (await portInUse(taken)) throw new Error(`Port ${taken} on 127.0.0.1 is already in use (another n8n?): stop it, or choose another port`);
	}
	const logFile = options.logFile ?? join(options.userFolder, 'n8n.log');
	mkdirSync(dirname(logFile), { recursive: true });
	mkdirSync(options.userFolder, { recursive: true });
	const log = openSync(logFile, 'a');
	writeSync(log, `\n=== n8n ${options.command ?? 'start'} ${new Date().toISOString()} on ${url} ===\n`);
	const started = Date.now();
	// Its own process group, so a forced stop also ends the task runner n8n starts.
	const child = spawn(options.paths.nodeBinary, [options.paths.n8nBin, options.command ?? 'start'], { cwd: options.userFolder, env: n8nEnvironment(options), stdio: ['ignore', log, log], detached: true });
	closeSync(log);
	const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
	let stopping: Promise<void> | undefined;
	const stop = (graceSeconds = 20): Promise<void> =>
		(stopping ??= (async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const done = await Promise.race([exited.then(() => true), sleep(graceSeconds * 1000).then(() => false)]);
			if (!done && child.pid) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// Already gone.
				}
				await exited;
			}
		})());
	try {
		await waitUntilReady(url, exited, options.readyTimeoutSeconds ?? 120, logFile, options.command === 'worker');
	} catch (error) {
		await stop(5);
		throw error;
	}
	return { url, pid: child.pid!, logFile, child, startSeconds: (Date.now() - started) / 1000, exited, stop };
}
