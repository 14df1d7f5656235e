/**
 * A local Graph API for the Messenger and Instagram action tests: records every request
 * and answers from a script (status, body, headers), then with the documented success body.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import { MetaPageApi } from '../../credentials/MetaPageApi.credentials';
import { startLocalServer, type LocalServer } from '../support/local-server';
import { runWorkflow } from '../support/n8n-harness';

export const PAGE_ID = '105000000000001';
export const IG_ACCOUNT_ID = '17841400000000001';
export const ACCESS_TOKEN = 'EAAtestPageAccessToken0123';

export interface ScriptedAnswer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export function sendFixture(channel: 'messenger' | 'instagram', name: string): IDataObject {
	return JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/channels/meta-send', channel, name), 'utf8')) as IDataObject;
}

export interface GraphServer {
	server: LocalServer;
	/** Answers for the next requests, in order; afterwards every request gets `success`. */
	script: ScriptedAnswer[];
	success: IDataObject;
}

/** A local Graph API for one suite: started before its tests, emptied before each, closed after. */
export function useGraphServer(success: IDataObject): GraphServer {
	const graph: GraphServer = { server: undefined as unknown as LocalServer, script: [], success };
	beforeAll(async () => {
		graph.server = await startLocalServer((_request, response) => {
			const answer = graph.script.shift() ?? { status: 200, body: graph.success };
			response.statusCode = answer.status;
			const text = typeof answer.body === 'string';
			response.setHeader('content-type', text ? 'text/plain' : 'application/json; charset=UTF-8');
			for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
			response.end(text ? answer.body : JSON.stringify(answer.body));
		});
	});
	afterAll(async () => await graph.server.close());
	beforeEach(() => {
		graph.server.requests.splice(0);
		graph.script.splice(0);
	});
	return graph;
}

/** Runs `node` alone in a workflow, named `name`, with the Meta credential pointing at `graph`. */
export function metaNodeRunner(graph: GraphServer, name: string, type: string, node: INodeType) {
	return (parameters: INodeParameters, items: IDataObject[] = [{}], options: { continueOnFail?: boolean; credentials?: IDataObject } = {}) =>
		runWorkflow({
			nodeTypes: { [type]: node },
			nodes: [{ name, type, parameters, ...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}) }],
			credentials: metaCredentials(graph.server.url, options.credentials),
			credentialTypes,
			items: items.map((json) => ({ json })),
		});
}

/** The JSON body of request `index`, after checking it is a Send API call made as `senderId`. */
export function sendApiBody(graph: GraphServer, index: number, senderId = PAGE_ID): IDataObject {
	const request = graph.server.requests[index];
	expect(request.method).toBe('POST');
	expect(request.path).toBe(`/v23.0/${senderId}/messages`);
	expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
	expect(request.headers['content-type']).toMatch(/^application\/json/);
	expect(request.query.has('access_token')).toBe(false);
	return request.json as IDataObject;
}

export function metaCredentials(baseUrl: string, overrides: IDataObject = {}) {
	return {
		omnichannelMetaPageApi: {
			accessToken: ACCESS_TOKEN,
			appSecret: 'app-secret-for-tests',
			verifyToken: 'verify-token-for-tests',
			pageId: PAGE_ID,
			igAccountId: IG_ACCOUNT_ID,
			graphApiVersion: 'v23.0',
			baseUrl,
			...overrides,
		},
	};
}

export const credentialTypes = [new MetaPageApi()];
