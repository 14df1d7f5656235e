import '../support/n8n-env';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';

const ROOT = join(__dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };

/** What n8n itself does when it installs the package: its own loader reads package.json's n8n section and the built files. */
describe('the built package, as n8n loads it', () => {
	let loader: PackageDirectoryLoader;
	beforeAll(async () => {
		loader = new PackageDirectoryLoader(ROOT);
		await loader.loadAll();
	});

	it('loads every node and credential package.json lists', () => {
		expect(loader.packageName).toBe('n8n-nodes-omnichannel');
		expect(Object.keys(loader.nodeTypes)).toHaveLength(packageJson.n8n.nodes.length);
		expect(Object.keys(loader.credentialTypes)).toHaveLength(packageJson.n8n.credentials.length);
	});

	it('finds the icon of every node and credential in dist', () => {
		const icons = [...loader.types.nodes, ...loader.types.credentials].map((type) => ({ name: type.name, iconUrl: (type as { iconUrl?: unknown }).iconUrl }));
		for (const { name, iconUrl } of icons) {
			expect({ name, iconUrl: typeof iconUrl }).toEqual({ name, iconUrl: 'string' });
			const file = join(ROOT, String(iconUrl).replace(`icons/${packageJson.name}/`, ''));
			expect({ name, exists: existsSync(file) }).toEqual({ name, exists: true });
		}
	});

	it('gives every node credentials n8n knows, and offers every action node to AI agents as a tool', () => {
		const credentialNames = new Set(loader.types.credentials.map((credential) => credential.name));
		for (const node of loader.types.nodes) {
			for (const credential of node.credentials ?? []) expect({ node: node.name, credential: credential.name, known: credentialNames.has(credential.name) }).toMatchObject({ known: true });
		}
		const actions = loader.types.nodes.filter((node) => !node.group.includes('trigger'));
		expect(actions.map((node) => node.name)).toEqual(expect.arrayContaining(['customerMerge', 'omnichannelReply', 'omnichannelWhatsApp', 'omnichannelEmail']));
		for (const node of actions) expect({ node: node.name, usableAsTool: node.usableAsTool }).toEqual({ node: node.name, usableAsTool: true });
	});
});
