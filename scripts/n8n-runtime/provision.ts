/**
 * Provisions the local n8n runtime once per machine, in the cache that runtime-paths.ts
 * names: Node 24, n8n pinned to N8N_VERSION (installed without install scripts, as its
 * native modules would otherwise build for the wrong Node), and n8n's sqlite3 built for
 * Node 24. Each step is detected as done and skipped, so running it again costs a second.
 *
 *   npm run n8n:provision
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { capture, formatSeconds, runLogged } from './run-command';
import { N8N_VERSION, NODE_MAJOR, NODE_PACKAGE, runtimePaths, withNode24, type RuntimePaths } from './runtime-paths';

type Say = (line: string) => void;

const N8N_MARKER = '.omnichannel-installed';

function writePackageJson(folder: string, name: string): void {
	mkdirSync(folder, { recursive: true });
	const file = join(folder, 'package.json');
	if (!existsSync(file)) writeFileSync(file, `${JSON.stringify({ name, private: true, description: 'Local n8n runtime of n8n-nodes-omnichannel' }, null, 2)}\n`);
}

function readJson(file: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

function countPackages(nodeModules: string): number {
	try {
		return readdirSync(nodeModules).reduce((n, entry) => n + (entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).length : entry.startsWith('.') ? 0 : 1), 0);
	} catch {
		return 0;
	}
}

async function nodeVersion(paths: RuntimePaths): Promise<string | undefined> {
	if (!existsSync(paths.nodeBinary)) return undefined;
	const version = await capture(paths.nodeBinary, ['--version']);
	return version?.startsWith(`v${NODE_MAJOR}.`) ? version : undefined;
}

async function provisionNode(paths: RuntimePaths, say: Say): Promise<void> {
	const ready = await nodeVersion(paths);
	if (ready) return say(`[1/3] Node ${NODE_MAJOR}: ${ready}, ready`);
	say(`[1/3] Node ${NODE_MAJOR}: installing npm package ${NODE_PACKAGE}@${NODE_MAJOR} (about 30 MB)…`);
	const started = Date.now();
	writePackageJson(paths.nodeFolder, 'omnichannel-node24');
	await runLogged('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `${NODE_PACKAGE}@${NODE_MAJOR}`], { cwd: paths.nodeFolder, logFile: join(paths.root, 'node24.log') });
	const installed = await nodeVersion(paths);
	if (!installed) throw new Error(`${paths.nodeBinary} does not run as Node ${NODE_MAJOR}; see ${join(paths.root, 'node24.log')}`);
	say(`[1/3] Node ${NODE_MAJOR}: ${installed} installed in ${formatSeconds((Date.now() - started) / 1000)}`);
}

/** n8n is installed when our marker says so, or (a runtime provisioned by hand) when npm finished writing its tree. */
function n8nInstalled(paths: RuntimePaths): boolean {
	if (existsSync(join(paths.n8nFolder, N8N_MARKER)) && readFileSync(join(paths.n8nFolder, N8N_MARKER), 'utf8').trim() === N8N_VERSION) return true;
	const version = readJson(join(paths.n8nPackage, 'package.json'))?.version;
	return version === N8N_VERSION && existsSync(join(paths.n8nFolder, 'node_modules', '.package-lock.json'));
}

async function provisionN8n(paths: RuntimePaths, say: Say): Promise<void> {
	mkdirSync(paths.n8nFolder, { recursive: true });
	if (n8nInstalled(paths)) {
		writeFileSync(join(paths.n8nFolder, N8N_MARKER), N8N_VERSION);
		return say(`[2/3] n8n ${N8N_VERSION}: ready`);
	}
	const logFile = join(paths.root, 'n8n-install.log');
	say(`[2/3] n8n ${N8N_VERSION}: installing without install scripts (about 2 to 5 minutes, 2.9 GB; log: ${logFile})…`);
	const started = Date.now();
	writePackageJson(paths.n8nFolder, 'omnichannel-n8n');
	const nodeModules = join(paths.n8nFolder, 'node_modules');
	await runLogged('npm', ['install', '--ignore-scripts', '--save-exact', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], {
		cwd: paths.n8nFolder,
		env: withNode24(paths),
		logFile,
		heartbeat: (seconds) => `      … still installing n8n: ${formatSeconds(seconds)}, ${countPackages(nodeModules)} packages so far`,
	});
	const version = readJson(join(paths.n8nPackage, 'package.json'))?.version;
	if (version !== N8N_VERSION) throw new Error(`npm installed n8n ${String(version)} instead of ${N8N_VERSION}; see ${logFile}`);
	writeFileSync(join(paths.n8nFolder, N8N_MARKER), N8N_VERSION);
	say(`[2/3] n8n ${N8N_VERSION}: installed in ${formatSeconds((Date.now() - started) / 1000)} (${countPackages(nodeModules)} packages)`);
}

/** Whether n8n's sqlite3 loads and opens a database under Node 24. */
async function sqliteLoads(paths: RuntimePaths): Promise<boolean> {
	const probe = `const s = require(${JSON.stringify(paths.sqlite3Folder)}); new s.Database(':memory:').close(); console.log('ok')`;
	return (await capture(paths.nodeBinary, ['-e', probe])) === 'ok';
}

function nodeGypScript(paths: RuntimePaths): string {
	const candidates = [
		join(paths.n8nFolder, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
		// npm ships its own node-gyp beside itself.
		join(dirname(process.env.npm_execpath ?? ''), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
	];
	const found = candidates.find((candidate) => existsSync(candidate));
	if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(', ')})`);
	return found;
}

async function provisionSqlite(paths: RuntimePaths, say: Say): Promise<void> {
	if (await sqliteLoads(paths)) return say(`[3/3] sqlite3 for Node ${NODE_MAJOR}: ready`);
	const logFile = join(paths.root, 'sqlite3-build.log');
	say(`[3/3] sqlite3 for Node ${NODE_MAJOR}: building with node-gyp (about 1 to 3 minutes; needs python3, make and a C++ compiler; log: ${logFile})…`);
	const started = Date.now();
	await runLogged(paths.nodeBinary, [nodeGypScript(paths), 'rebuild', `--nodedir=${paths.nodeDistribution}`], {
		cwd: paths.sqlite3Folder,
		env: withNode24(paths),
		logFile,
		heartbeat: (seconds) => `      … still compiling sqlite3: ${formatSeconds(seconds)}`,
	});
	if (!(await sqliteLoads(paths))) throw new Error(`sqlite3 was built but does not load under Node ${NODE_MAJOR}; see ${logFile}`);
	say(`[3/3] sqlite3 for Node ${NODE_MAJOR}: built in ${formatSeconds((Date.now() - started) / 1000)}`);
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** One provisioning at a time per machine: another clone running it makes this one wait. */
async function withProvisionLock<T>(paths: RuntimePaths, say: Say, work: () => Promise<T>): Promise<T> {
	mkdirSync(paths.root, { recursive: true });
	const lockFile = join(paths.root, '.provision.lock');
	let announced = false;
	for (;;) {
		try {
			const fd = openSync(lockFile, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(readFileSync(lockFile, 'utf8').trim());
			if (!owner || !isRunning(owner)) {
				unlinkSync(lockFile);
				continue;
			}
			if (!announced) say(`Waiting for another provisioning of ${paths.root} (process ${owner}) to finish…`);
			announced = true;
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}
	try {
		return await work();
	} finally {
		unlinkSync(lockFile);
	}
}

/** Makes sure Node 24, n8n and its sqlite3 are in the shared cache; returns where they are. */
export async function provisionRuntime(options: { say?: Say; root?: string } = {}): Promise<RuntimePaths> {
	const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
	const paths = runtimePaths(options.root);
	const started = Date.now();
	await withProvisionLock(paths, say, async () => {
		await provisionNode(paths, say);
		await provisionN8n(paths, say);
		await provisionSqlite(paths, say);
	});
	const seconds = (Date.now() - started) / 1000;
	if (seconds > 10) say(`n8n runtime provisioned in ${formatSeconds(seconds)}, in ${paths.root}`);
	return paths;
}

if (require.main === module) {
	provisionRuntime().then(
		(paths) => process.stdout.write(`n8n runtime: ${paths.root}\n`),
		(error: Error) => {
			process.stderr.write(`${error.message}\n`);
			process.exit(1);
		},
	);
}
