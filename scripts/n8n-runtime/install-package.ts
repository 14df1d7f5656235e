/**
 * Installs the built package into an n8n user folder the way a community package
 * arrives there: packed by npm, then installed into `<user folder>/.n8n/nodes` without its
 * peer dependency (n8n-workflow is n8n's own) and without install scripts, as n8n's
 * installer does. n8n then loads it with node types `n8n-nodes-omnichannel.<node>`.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { capture, runLogged } from './run-command';

const PACKAGE_ROOT = resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-omnichannel';

export interface InstalledPackage {
	/** Where n8n finds it: <user folder>/.n8n/nodes/node_modules/n8n-nodes-omnichannel */
	folder: string;
	/** Whether this call installed it (false: the same build was already there). */
	installed: boolean;
	/** The packages installed beside it, i.e. its runtime dependencies. */
	dependencies: string[];
}

function packagesIn(nodeModules: string): string[] {
	if (!existsSync(nodeModules)) return [];
	return readdirSync(nodeModules)
		.filter((entry) => !entry.startsWith('.'))
		.flatMap((entry) => (entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((scoped) => `${entry}/${scoped}`) : [entry]))
		.sort();
}

/** Packs the built package (dist/ must be built) and returns the tarball's path. */
export async function packPackage(outputFolder: string, logFile: string): Promise<string> {
	mkdirSync(outputFolder, { recursive: true });
	await runLogged('npm', ['pack', '--pack-destination', outputFolder], { cwd: PACKAGE_ROOT, logFile });
	const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
	const tarball = join(outputFolder, `${PACKAGE_NAME}-${version}.tgz`);
	if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}; see ${logFile}`);
	return tarball;
}

/**
 * Installs `tarball` into `<userFolder>/.n8n/nodes`, unless that exact tarball is already
 * installed there. The nodes folder gets its own package.json first, as n8n keeps one:
 * without it npm would look for a project further up and install there.
 */
export async function installIntoUserFolder(tarball: string, userFolder: string, logFile: string): Promise<InstalledPackage> {
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	const folder = join(nodesFolder, 'node_modules', PACKAGE_NAME);
	const marker = join(nodesFolder, `.${PACKAGE_NAME}.sha256`);
	const digest = createHash('sha256').update(readFileSync(tarball)).digest('hex');
	const dependencies = () => packagesIn(join(nodesFolder, 'node_modules')).filter((name) => name !== PACKAGE_NAME);
	if (existsSync(folder) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === digest) return { folder, installed: false, dependencies: dependencies() };

	mkdirSync(nodesFolder, { recursive: true });
	const packageJson = join(nodesFolder, 'package.json');
	if (!existsSync(packageJson)) writeFileSync(packageJson, `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	rmSync(folder, { recursive: true, force: true });
	await runLogged('npm', ['install', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--package-lock=false', tarball], { cwd: nodesFolder, logFile });
	if (!existsSync(join(folder, 'package.json'))) throw new Error(`npm did not install ${PACKAGE_NAME} into ${nodesFolder}; see ${logFile}`);
	const installed = dependencies();
	if (installed.includes('n8n-workflow')) throw new Error(`installing ${PACKAGE_NAME} pulled in n8n-workflow, which n8n provides itself; see ${logFile}`);
	writeFileSync(marker, digest);
	return { folder, installed: true, dependencies: installed };
}

/** The size of a folder in MB, as du reports it (for messages). */
export async function folderMegabytes(folder: string): Promise<number | undefined> {
	const output = await capture('du', ['-sm', folder]);
	return output ? Number(output.split(/\s+/)[0]) : undefined;
}

/**
 * Makes the installed package find n8n's own n8n-workflow, as in a user's ~/.n8n/nodes.
 * There, the package has no copy (peer dependencies are left out) and Node finds n8n's
 * through the NODE_PATH n8n sets. A user folder inside this repository is different: looking
 * upwards from the package, Node would first meet the repository's node_modules and its
 * development copy, a second n8n-workflow whose classes and logger are not n8n's. A link to
 * n8n's copy in the user folder's own node_modules is met first. Returns the copy the package
 * now resolves, after checking it is n8n's.
 */
export function useN8nWorkflowOfN8n(userFolder: string, n8nNodeModules: string): string {
	const own = join(n8nNodeModules, 'n8n-workflow');
	const link = join(userFolder, 'node_modules', 'n8n-workflow');
	mkdirSync(dirname(link), { recursive: true });
	let current: string | undefined;
	try {
		current = lstatSync(link).isSymbolicLink() || existsSync(link) ? realpathSync(link) : undefined;
	} catch {
		current = undefined;
	}
	if (current !== realpathSync(own)) {
		rmSync(link, { recursive: true, force: true });
		symlinkSync(own, link, 'dir');
	}
	// n8n-workflow exports only its entry points: resolve the CommonJS one, then compare the real paths.
	const resolved = realpathSync(require.resolve('n8n-workflow', { paths: [join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME)] }));
	if (!resolved.startsWith(`${realpathSync(own)}/`)) throw new Error(`The installed package would use ${resolved} instead of n8n's n8n-workflow (${own})`);
	return realpathSync(own);
}
