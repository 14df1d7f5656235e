import '../support/n8n-env';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import { NodeHelpers, Workflow, type INode, type INodeParameters, type INodePropertyOptions } from 'n8n-workflow';
import { HarnessNodeTypes } from '../support/harness-execution';

const ROOT = join(__dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };

/** n8n's own credential types (n8n-nodes-base) that nodes of the package use. */
const N8N_OWN_CREDENTIALS = ['hubspotAppToken', 'hubspotOAuth2Api', 'hubspotDeveloperApi', 'httpBasicAuth', 'pipedriveApi', 'pipedriveOAuth2Api', 'salesforceOAuth2Api', 'salesforceJwtApi'];

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
		// The CRM nodes reuse n8n's own credential types, which every n8n has: a user who connected the CRM in n8n needs nothing new.
		const credentialNames = new Set([...loader.types.credentials.map((credential) => credential.name), ...N8N_OWN_CREDENTIALS]);
		for (const node of loader.types.nodes) {
			for (const credential of node.credentials ?? []) expect({ node: node.name, credential: credential.name, known: credentialNames.has(credential.name) }).toMatchObject({ known: true });
		}
		const actions = loader.types.nodes.filter((node) => !node.group.includes('trigger'));
		expect(actions.map((node) => node.name)).toEqual(expect.arrayContaining(['customerMerge', 'omnichannelReply', 'omnichannelWhatsApp', 'omnichannelEmail']));
		// The Router and the Engagement Policy are flow control, like n8n's Switch and If: their outputs are routes
		// (Send Now, Later, Blocked), which a tool's single answer has no place for.
		const tools = actions.filter((node) => Array.isArray(node.outputs) && node.outputs.length === 1);
		expect(actions.filter((node) => !tools.includes(node)).map((node) => node.name).sort()).toEqual(['omnichannelEngagementPolicy', 'omnichannelRouter']);
		for (const node of tools) expect({ node: node.name, usableAsTool: node.usableAsTool }).toEqual({ node: node.name, usableAsTool: true });
	});
});

/** What a person sees of the nodes in n8n's editor: the nodes panel, the subtitles, the credential fields. */
describe('the built package, as the editor shows it', () => {
	let loader: PackageDirectoryLoader;
	let nodeTypes: HarnessNodeTypes;
	beforeAll(async () => {
		loader = new PackageDirectoryLoader(ROOT);
		await loader.loadAll();
		nodeTypes = new HarnessNodeTypes(Object.fromEntries(Object.entries(loader.nodeTypes).map(([name, { type }]) => [name, type])));
	});

	it('gives every node a codex: categories, subcategories, documentation, and aliases with which searching "Omnichannel" finds it', () => {
		for (const node of loader.types.nodes) {
			const codex = node.codex ?? {};
			expect({ node: node.name, hasCategories: (codex.categories?.length ?? 0) > 0, hasSubcategories: Object.keys(codex.subcategories ?? {}).length > 0 }).toEqual({ node: node.name, hasCategories: true, hasSubcategories: true });
			expect({ node: node.name, docs: codex.resources?.primaryDocumentation?.[0]?.url }).toEqual({ node: node.name, docs: expect.stringMatching(/^https:\/\//) });
			expect({ node: node.name, alias: codex.alias }).toEqual({ node: node.name, alias: expect.arrayContaining(['Omnichannel']) });
		}
		const found = loader.types.nodes.filter((node) => `${node.displayName} ${(node.codex?.alias ?? []).join(' ')}`.toLowerCase().includes('omnichannel'));
		expect(new Set(found.map((node) => node.name)).size).toBe(packageJson.n8n.nodes.length);
	});

	it('subtitles every action node with the name of what it does, never an internal value', () => {
		const subtitles: Record<string, string[]> = {};
		for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
			const description = NodeHelpers.getVersionedNodeType(type).description;
			if (description.group.includes('trigger')) continue;
			const operation = description.properties.find((property) => property.name === 'operation');
			const values = (operation?.options as INodePropertyOptions[] | undefined)?.map((option) => ({ operation: option.value })) ?? [{ channels: ['whatsappCloud', 'instagram', 'messenger', 'email'] }];
			subtitles[name] = values.map((parameters) => {
				const node: INode = { id: '1', name: 'Node', type: name, typeVersion: NodeHelpers.getVersionedNodeType(type).description.version as number, position: [0, 0], parameters: {} };
				node.parameters = NodeHelpers.getNodeParameters(description.properties, parameters as INodeParameters, true, false, node, description) ?? {};
				const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
				return String(workflow.expression.getSimpleParameterValue(node, description.subtitle ?? '', 'internal', {}));
			});
		}
		expect(subtitles.customerMerge).toEqual(['Add Identifier', 'Confirm Customer', 'Forget Customer', 'Get Consent', 'Get Customer', 'List Customers', 'Merge Customers', 'Resolve Customer', 'Set Consent', 'Unmerge Customer', 'Update Traits']);
		expect(subtitles.omnichannelReply).toEqual(['WhatsApp, Instagram, Messenger, E-Mail']);
		expect(subtitles.omnichannelTwilio).toEqual(['Send SMS / MMS', 'Get Message']);
		// The Conversation node names the operation and its resource, as n8n's own nodes do: "Open or Continue: Conversation".
		expect(subtitles.omnichannelConversation).toContain('Open or Continue: Conversation');
		// The Router has no operation: its subtitle names its routes ("VIP, Sales, Support", "4 routes").
		expect(subtitles.omnichannelRouter).toEqual(['No routes yet']);
		// The Engagement Policy names its operation: "Decide", "Fallback Sweep".
		expect(subtitles.omnichannelEngagementPolicy).toEqual(['Decide', 'Fall Back on Failed Status', 'Fallback Sweep']);
		for (const [name, texts] of Object.entries(subtitles)) {
			for (const text of texts) expect({ name, text }).toEqual({ name, text: expect.stringMatching(/^[A-Z][A-Za-z /,:-]+$/) });
		}
	});

	it('labels each credential of Omnichannel Reply with its channels, and shows it only when one of them is picked', () => {
		const reply = loader.nodeTypes.omnichannelReply.type;
		const v2 = NodeHelpers.getVersionedNodeType(reply, 2).description;
		const shown = (channels: string[]) => (v2.credentials ?? []).filter((credential) => NodeHelpers.displayParameter({ channels }, credential, { typeVersion: 2 }, v2)).map((credential) => credential.displayName);
		expect((v2.credentials ?? []).map((credential) => credential.displayName)).toEqual([
			'Credential for WhatsApp (Cloud API)',
			'Credential for WhatsApp (Evolution API)',
			'Credential for Messenger and Instagram',
			'Credential for Telegram',
			'Credential for SMS and WhatsApp (Twilio)',
			'Credential for E-Mail (SMTP)',
		]);
		// n8n's editor hides a parameter that credentials' display options depend on: the credentials
		// never follow the channel picker, so that the picker is drawn.
		expect(shown([])).toHaveLength(6);
		expect((v2.credentials ?? []).every((credential) => !credential.displayOptions && credential.required === false)).toBe(true);
		// Version 1 (workflows saved before the channel list) shows them all, labelled the same way.
		const v1 = NodeHelpers.getVersionedNodeType(reply, 1).description;
		expect((v1.credentials ?? []).every((credential) => credential.displayName?.startsWith('Credential for ') && !credential.displayOptions)).toBe(true);
	});
});
