import type { INodeParameterResourceLocator } from 'n8n-workflow';
import { EvolutionApi } from '../../credentials/EvolutionApi.credentials';
import { OmnichannelEvolution } from '../../nodes/OmnichannelEvolution/OmnichannelEvolution.node';
import { sendJson, startLocalServer, type LocalServer } from '../support/local-server';
import { runListSearch, runWorkflow } from '../support/n8n-harness';

const API_KEY = 'B6D711FCDE4D4FD5936544120E713976';

/** GET /instance/fetchInstances as Evolution API v2 answers it (instance tokens included, which must never reach the editor). */
const V2_INSTANCES = [
	{
		id: 'c8d1a4b2-0001-4d6f-9e1a-000000000001',
		name: 'acme-support',
		connectionStatus: 'open',
		ownerJid: '5511955550123@s.whatsapp.net',
		profileName: 'Acme Support',
		integration: 'WHATSAPP-BAILEYS',
		token: 'INSTANCE-TOKEN-SUPPORT-0001',
	},
	{ id: 'c8d1a4b2-0002-4d6f-9e1a-000000000002', name: 'acme-sales', connectionStatus: 'close', ownerJid: null, profileName: null, token: 'INSTANCE-TOKEN-SALES-0002' },
];
/** The same list as Evolution API v1 answered it. */
const V1_INSTANCES = [{ instance: { instanceName: 'legacy', owner: '5521988880000@s.whatsapp.net', profileName: 'Legacy Line', status: 'open', apikey: 'V1-INSTANCE-KEY' } }];

let api: LocalServer;
let answer: { status: number; body: unknown } = { status: 200, body: V2_INSTANCES };

beforeAll(async () => {
	api = await startLocalServer((request, response) => {
		if (request.method === 'GET' && request.path === '/instance/fetchInstances') return sendJson(response, answer.status, answer.body);
		if (request.method === 'POST' && request.path.startsWith('/message/sendText/')) return sendJson(response, 201, { key: { remoteJid: '5511987654321@s.whatsapp.net', fromMe: true, id: 'EVO-SENT' } });
		return sendJson(response, 404, { status: 404, error: 'Not Found', response: { message: [`Cannot ${request.method} ${request.path}`] } });
	});
});
afterAll(async () => await api.close());
beforeEach(() => {
	api.requests.splice(0);
	answer = { status: 200, body: V2_INSTANCES };
});

const credentialsNow = () => ({ omnichannelEvolutionApi: { baseUrl: `${api.url}/`, apiKey: API_KEY, instanceName: 'acme-support' } });

const search = (filter?: string) =>
	runListSearch({
		nodeType: new OmnichannelEvolution(),
		parameters: { operation: 'sendText' },
		credentials: credentialsNow(),
		credentialTypes: [new EvolutionApi()],
		method: 'searchInstances',
		parameter: 'options.instanceName',
		filter,
	});

describe('Evolution API list search: the server\'s instances', () => {
	it('lists every instance with its number, profile and connection, asked with the API key; instance tokens never reach the editor', async () => {
		const result = await search();
		expect(result).toEqual({
			results: [
				{ name: 'acme-support', value: 'acme-support', description: '+5511955550123 · Acme Support · connected' },
				{ name: 'acme-sales', value: 'acme-sales', description: 'disconnected' },
			],
		});
		expect(api.requests[0].headers.apikey).toBe(API_KEY);
		expect(JSON.stringify(result)).not.toContain('TOKEN');
	});

	it('filters by name, profile or number', async () => {
		expect((await search('SALES')).results.map((entry) => entry.value)).toEqual(['acme-sales']);
		expect((await search('5511955')).results.map((entry) => entry.value)).toEqual(['acme-support']);
	});

	it('reads the v1 shape too', async () => {
		answer = { status: 200, body: V1_INSTANCES };
		expect(await search()).toEqual({ results: [{ name: 'legacy', value: 'legacy', description: '+5521988880000 · Legacy Line · connected' }] });
	});

	it('a refused API key is explained', async () => {
		answer = { status: 401, body: { status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } } };
		await expect(search()).rejects.toThrow('Evolution API refused the API key');
	});

	it('an instance picked from the list sends like a typed one, and plain text from older workflows still works', async () => {
		const run = (instanceName: INodeParameterResourceLocator | string) =>
			runWorkflow({
				nodeTypes: { omnichannelEvolution: new OmnichannelEvolution() },
				nodes: [{ name: 'Evolution', type: 'omnichannelEvolution', parameters: { operation: 'sendText', to: '+5511987654321', text: 'Oi', options: { instanceName } } }],
				credentials: credentialsNow(),
				credentialTypes: [new EvolutionApi()],
			});
		const picked: INodeParameterResourceLocator = { __rl: true, mode: 'list', value: 'acme-sales', cachedResultName: 'acme-sales' };
		for (const value of [picked, { __rl: true as const, mode: 'name', value: 'acme-sales' }, 'acme-sales']) {
			expect((await run(value)).error).toBeUndefined();
		}
		expect(api.requests.map((request) => request.path)).toEqual(Array(3).fill('/message/sendText/acme-sales'));
	});
});
