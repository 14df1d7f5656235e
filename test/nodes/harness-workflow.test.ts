/**
 * Proves the n8n test harness's `runWorkflow`: nodes defined here run through
 * n8n-core's real execution engine against a local HTTP server.
 */
import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { chain, runWorkflow, START_NODE_NAME } from '../support/n8n-harness';
import { sendJson, startLocalServer, type LocalServer } from '../support/local-server';

// ---------------------------------------------------------------------------
// Node and credential types under test
// ---------------------------------------------------------------------------

/** Generic authentication: n8n resolves the expression and adds the header. */
const lookupApi: ICredentialType = {
	name: 'harnessLookupApi',
	displayName: 'Lookup API',
	properties: [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
	],
	authenticate: {
		type: 'generic',
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
	},
};

/** Looks every item up on the remote API; items without an id are rejected. */
const lookupNode: INodeType = {
	description: {
		displayName: 'Lookup',
		name: 'harnessLookup',
		group: ['transform'],
		version: 1,
		description: 'Enriches items from the lookup API',
		defaults: { name: 'Lookup' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'harnessLookupApi', required: true }],
		properties: [
			{ displayName: 'Endpoint', name: 'endpoint', type: 'string', default: '/lookup' },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials<{ baseUrl: string }>('harnessLookupApi');
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const id = items[itemIndex].json.id;
				if (typeof id !== 'string' || id === '') {
					throw new NodeOperationError(this.getNode(), `Item ${itemIndex} has no id`, { itemIndex });
				}
				const endpoint = this.getNodeParameter('endpoint', itemIndex) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessLookupApi',
					{ method: 'POST', url: `${credentials.baseUrl}${endpoint}`, body: { id }, json: true },
				)) as IDataObject;
				output.push({ json: { ...items[itemIndex].json, customer: response }, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw error;
			}
		}
		return [output];
	},
};

/** Calls a URL without credentials and reports what it got back. */
const pingNode: INodeType = {
	description: {
		displayName: 'Ping',
		name: 'harnessPing',
		group: ['transform'],
		version: 1,
		description: 'GETs a URL',
		defaults: { name: 'Ping' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const url = this.getNodeParameter('url', itemIndex) as string;
			const response = (await this.helpers.httpRequest({ method: 'GET', url, json: true })) as IDataObject;
			output.push({ json: { response }, pairedItem: { item: itemIndex } });
		}
		return [output];
	},
};

/** Reports the size and text of each item's `file` binary property. */
const binaryInfoNode: INodeType = {
	description: {
		displayName: 'Binary Info',
		name: 'harnessBinaryInfo',
		group: ['transform'],
		version: 1,
		description: 'Reads binary input',
		defaults: { name: 'Binary Info' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const binary = this.helpers.assertBinaryData(itemIndex, 'file');
			const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, 'file');
			output.push({
				json: { bytes: buffer.length, text: buffer.toString('utf8'), mimeType: binary.mimeType },
				pairedItem: { item: itemIndex },
			});
		}
		return [output];
	},
};

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('runWorkflow', () => {
	let api: LocalServer;
	const credentials = () => ({ harnessLookupApi: { baseUrl: api.url, apiKey: 'key-123' } });

	beforeAll(async () => {
		api = await startLocalServer((request, response) => {
			if (request.method === 'GET') {
				sendJson(response, 200, { pong: true, path: request.path });
				return;
			}
			const { id } = request.json as { id: string };
			sendJson(response, 200, { name: `Customer ${id}`, path: request.path });
		});
	});
	afterAll(async () => await api.close());
	beforeEach(() => api.requests.splice(0));

	it('runs a credentialed node that calls a real HTTP API and keeps pairedItem', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode },
			nodes: [
				{ name: 'Lookup', type: 'harnessLookup', parameters: { endpoint: '={{ "/lookup/" + $json.id }}' } },
			],
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }, { json: { id: 'b2' } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual([START_NODE_NAME, 'Lookup']);
		expect(result.outputOf('Lookup')).toEqual([
			{ json: { id: 'a1', customer: { name: 'Customer a1', path: '/lookup/a1' } }, pairedItem: { item: 0 } },
			{ json: { id: 'b2', customer: { name: 'Customer b2', path: '/lookup/b2' } }, pairedItem: { item: 1 } },
		]);
		// The credential type's generic `authenticate` added the header to real requests.
		expect(api.requests.map((request) => request.headers['x-api-key'])).toEqual(['key-123', 'key-123']);
		expect(api.requests.map((request) => request.json)).toEqual([{ id: 'a1' }, { id: 'b2' }]);
	});

	it('fails the workflow with the NodeOperationError of a bad item', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode },
			nodes: [{ name: 'Lookup', type: 'harnessLookup' }],
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }, { json: { name: 'no id' } }, { json: { id: 'c3' } }],
		});

		expect(result.status).toBe('error');
		// n8n stores plain, serialisable copies of the thrown error.
		const thrown = {
			name: 'NodeOperationError',
			message: 'Item 1 has no id',
			node: { name: 'Lookup' },
			context: { itemIndex: 1 },
		};
		expect(result.error).toMatchObject(thrown);
		expect(result.nodeError('Lookup')).toMatchObject(thrown);
		expect(result.outputOf('Lookup')).toEqual([]);
		// Processing stopped at the bad item.
		expect(api.requests).toHaveLength(1);
	});

	it('continues on fail with an error item in place of the bad one', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode },
			nodes: [{ name: 'Lookup', type: 'harnessLookup', onError: 'continueRegularOutput' }],
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }, { json: { name: 'no id' } }, { json: { id: 'c3' } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.outputOf('Lookup')).toEqual([
			{ json: { id: 'a1', customer: { name: 'Customer a1', path: '/lookup' } }, pairedItem: { item: 0 } },
			{ json: { error: 'Item 1 has no id' }, pairedItem: { item: 1 } },
			{ json: { id: 'c3', customer: { name: 'Customer c3', path: '/lookup' } }, pairedItem: { item: 2 } },
		]);
	});

	it('routes failed items to the error output with continueErrorOutput', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode },
			nodes: [{ name: 'Lookup', type: 'harnessLookup', onError: 'continueErrorOutput' }],
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }, { json: { name: 'no id' } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Lookup', 0)).toEqual([
			{ id: 'a1', customer: { name: 'Customer a1', path: '/lookup' } },
		]);
		// n8n keeps the failed input item's json next to the error.
		expect(result.outputOf('Lookup', 1)).toEqual([
			{ json: { name: 'no id', error: 'Item 1 has no id' }, pairedItem: { item: 1 } },
		]);
	});

	it('chains nodes and sends plain httpRequest calls without credentials', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode, harnessPing: pingNode },
			nodes: [
				{ name: 'Lookup', type: 'harnessLookup' },
				{ name: 'Ping', type: 'harnessPing', parameters: { url: `=${api.url}/ping/{{ $json.customer.name }}` } },
			],
			connections: chain(START_NODE_NAME, 'Lookup', 'Ping'),
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }],
		});

		expect(result.executedNodes).toEqual([START_NODE_NAME, 'Lookup', 'Ping']);
		expect(result.outputOf('Ping')).toEqual([
			{ json: { response: { pong: true, path: '/ping/Customer%20a1' } }, pairedItem: { item: 0 } },
		]);
		const ping = api.requests[1];
		expect(ping.method).toBe('GET');
		expect(ping.headers['x-api-key']).toBeUndefined();
	});

	it('feeds binary input items through prepareBinaryData', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessBinaryInfo: binaryInfoNode },
			nodes: [{ name: 'Binary Info', type: 'harnessBinaryInfo' }],
			items: [
				{
					json: {},
					binary: { file: { data: Buffer.from('hello'), mimeType: 'text/plain', fileName: 'a.txt' } },
				},
			],
		});

		expect(result.jsonOf('Binary Info')).toEqual([{ bytes: 5, text: 'hello', mimeType: 'text/plain' }]);
		const [startItem] = result.outputOf(START_NODE_NAME);
		expect(startItem.binary?.file).toMatchObject({
			fileName: 'a.txt',
			mimeType: 'text/plain',
			fileExtension: 'txt',
		});
	});
});
