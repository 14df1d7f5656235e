import '../support/n8n-env';
import { HookContext } from 'n8n-core';
import { Workflow, type INode, type IWebhookData } from 'n8n-workflow';
import { closeStores } from '../../core';
import { CustomerMerge } from '../../nodes/CustomerMerge/CustomerMerge.node';
import { OmnichannelInstagramTrigger } from '../../nodes/OmnichannelInstagramTrigger/OmnichannelInstagramTrigger.node';
import { OmnichannelTelegramTrigger } from '../../nodes/OmnichannelTelegramTrigger/OmnichannelTelegramTrigger.node';
import { createAdditionalData, HarnessNodeTypes } from '../support/harness-execution';
import { getLogger, HarnessCredentialsHelper } from '../support/n8n-harness';
import { storeToOpenAtStartup } from '../../nodes/shared/warm-store';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const nodeTypes = new HarnessNodeTypes({ instagram: new OmnichannelInstagramTrigger(), telegram: new OmnichannelTelegramTrigger(), customerMerge: new CustomerMerge() });

function node(name: string, type: string, extra: Partial<INode> = {}): INode {
	return { id: name, name, type, typeVersion: 1, position: [0, 0], parameters: {}, ...extra };
}

/** Registered by hand at Meta: activation has nothing to call, only the store to open. */
const instagramTrigger = () => node('Instagram', 'instagram', { parameters: { webhookRegistration: 'manual' } });

/** Calls the trigger's checkExists as n8n does when it activates the workflow, and says what it logged. */
async function activate(nodes: INode[], connectTo: string[]) {
	const [trigger] = nodes;
	const workflow = new Workflow({
		id: 'warm-up',
		nodes,
		connections: { [trigger.name]: { main: [connectTo.map((target) => ({ node: target, type: 'main', index: 0 }))] } },
		active: true,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = createAdditionalData({ credentialsHelper: new HarnessCredentialsHelper({}, {}) });
	const description = nodeTypes.getByNameAndVersion(trigger.type).description.webhooks!.find((webhook) => webhook.name === 'default')!;
	const webhookData: IWebhookData = { httpMethod: 'POST', node: trigger.name, path: 'webhook', webhookDescription: description, workflowId: 'warm-up', workflowExecuteAdditionalData: additionalData, webhookId: 'w' };
	const context = new HookContext(workflow, workflow.getNode(trigger.name)!, additionalData, 'trigger', 'init', webhookData);
	return await nodeTypes.getByNameAndVersion(trigger.type).webhookMethods!.default!.checkExists!.call(context);
}

async function storeReadyLogged(info: jest.SpyInstance, seconds = 30): Promise<boolean> {
	const deadline = Date.now() + seconds * 1000;
	while (Date.now() < deadline) {
		if (info.mock.calls.some(([message]) => String(message).includes('customer store ready'))) return true;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return false;
}

/** The first Customer Merge after n8n starts must not wait seconds for the embedded store: activation opens it. */
describe('triggers open the customer store when their workflow is activated', () => {
	const saved = { store: process.env.OMNICHANNEL_STORE, mode: process.env.EXECUTIONS_MODE };
	let info: jest.SpyInstance;
	beforeEach(async () => {
		await closeStores();
		process.env.OMNICHANNEL_STORE = 'memory://';
		delete process.env.EXECUTIONS_MODE;
		info = jest.spyOn(getLogger(), 'info');
	});
	afterEach(async () => {
		info.mockRestore();
		process.env.OMNICHANNEL_STORE = saved.store;
		if (saved.mode === undefined) delete process.env.EXECUTIONS_MODE;
		else process.env.EXECUTIONS_MODE = saved.mode;
		await closeStores();
		if (saved.store === undefined) delete process.env.OMNICHANNEL_STORE;
	});

	it('opens the store of a Customer Merge downstream, and lets the activation go on at once', async () => {
		const exists = await activate([instagramTrigger(), node('Recognise the customer', 'customerMerge')], ['Recognise the customer']);
		expect(exists).toBe(true);
		expect(await storeReadyLogged(info)).toBe(true);
		expect(String(info.mock.calls.find(([message]) => String(message).includes('customer store ready'))?.[0])).toMatch(/^Instagram: customer store ready for "Recognise the customer" in \d+ ms \(in-memory embedded store\)$/);
	});

	it('also when the trigger registers itself with its provider (Telegram)', async () => {
		// No secret yet: checkExists says the webhook must be created, without calling Telegram.
		const exists = await activate([node('Telegram', 'telegram'), node('Customer Merge', 'customerMerge')], ['Customer Merge']);
		expect(exists).toBe(false);
		expect(await storeReadyLogged(info)).toBe(true);
	});

	it('opens nothing without a Customer Merge, for one with its own store credential, or in queue mode', async () => {
		expect(await activate([instagramTrigger()], [])).toBe(true);
		const withCredential = node('Customer Merge', 'customerMerge', { credentials: { omnichannelStoreApi: { id: '1', name: 'Store' } } });
		expect(await activate([instagramTrigger(), withCredential], ['Customer Merge'])).toBe(true);
		process.env.EXECUTIONS_MODE = 'queue';
		expect(await activate([instagramTrigger(), node('Customer Merge', 'customerMerge')], ['Customer Merge'])).toBe(true);
		expect(await storeReadyLogged(info, 2)).toBe(false);
	});
});

/** n8n 2 runs no activation hook when it restarts with workflows already published: the store is opened as n8n loads the package. */
describe('the store n8n opens as it starts', () => {
	const n8n = ['/usr/bin/node', '/usr/local/lib/node_modules/n8n/bin/n8n'];
	const used = mkdtempSync(join(tmpdir(), 'omnichannel-warm-'));
	mkdirSync(join(used, '.n8n', 'omnichannel'), { recursive: true });
	writeFileSync(join(used, '.n8n', 'omnichannel', 'PG_VERSION'), '17');

	it('is the embedded store in the user folder, in the n8n process that runs executions, once it has been used', () => {
		expect(storeToOpenAtStartup([...n8n, 'start'], { N8N_USER_FOLDER: used })).toEqual({ type: 'embedded', folder: join(used, '.n8n', 'omnichannel') });
		expect(storeToOpenAtStartup(n8n, { N8N_USER_FOLDER: used })).toEqual({ type: 'embedded', folder: join(used, '.n8n', 'omnichannel') });
		expect(storeToOpenAtStartup([...n8n, 'start'], { N8N_USER_FOLDER: join(used, 'never-used') })).toBeUndefined();
	});

	it('is the PostgreSQL server of OMNICHANNEL_STORE, also on queue workers', () => {
		const env = { OMNICHANNEL_STORE: 'postgres://n8n@db:5432/n8n', EXECUTIONS_MODE: 'queue' };
		expect(storeToOpenAtStartup([...n8n, 'worker'], env)).toMatchObject({ type: 'postgres' });
		expect(storeToOpenAtStartup([...n8n, 'start'], env)).toBeUndefined();
		expect(storeToOpenAtStartup([...n8n, 'webhook'], env)).toBeUndefined();
	});

	it('is none in n8n commands that run no executions, in the CLI and in tests', () => {
		expect(storeToOpenAtStartup([...n8n, 'import:workflow', '--input=x.json'], { N8N_USER_FOLDER: used })).toBeUndefined();
		expect(storeToOpenAtStartup(['/usr/bin/node', '/usr/bin/n8n-omnichannel', 'stats'], { N8N_USER_FOLDER: used })).toBeUndefined();
		expect(storeToOpenAtStartup()).toBeUndefined();
	});
});
