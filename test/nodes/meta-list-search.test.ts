/**
 * The Pages and Instagram accounts the Messenger and Instagram nodes offer, read from a
 * local Graph API in the documented shape of GET /me/accounts (cursor paging), and sends
 * made as an account picked from those lists.
 */
import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';
import { MetaPageApi } from '../../credentials/MetaPageApi.credentials';
import { OmnichannelInstagram } from '../../nodes/OmnichannelInstagram/OmnichannelInstagram.node';
import { OmnichannelMessenger } from '../../nodes/OmnichannelMessenger/OmnichannelMessenger.node';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from '../support/local-server';
import { runListSearch, runWorkflow } from '../support/n8n-harness';
import { ACCESS_TOKEN, IG_ACCOUNT_ID, metaCredentials, PAGE_ID } from './meta-send-support';

const OTHER_PAGE = '105000000000002';
const OTHER_IG = '17841400000000002';

/** GET /me/accounts with a user or system-user token: the Pages, two pages of results. */
const ACCOUNTS: Record<string, object> = {
	first: {
		data: [
			{ id: PAGE_ID, name: 'Acme Store', instagram_business_account: { id: IG_ACCOUNT_ID, username: 'acme.store' } },
			{ id: '105000000000009', name: 'Acme Careers' },
		],
		paging: { cursors: { before: 'QVFIUBEFORE', after: 'QVFIUPAGE2' }, next: 'https://graph.facebook.com/v23.0/me/accounts?after=QVFIUPAGE2' },
	},
	QVFIUPAGE2: {
		data: [{ id: OTHER_PAGE, name: 'Acme Brasil', instagram_business_account: { id: OTHER_IG, username: 'acme.brasil' } }],
		paging: { cursors: { before: 'QVFIUPAGE2', after: 'QVFIULAST' } },
	},
};

let graph: LocalServer;
/** Whether the credential holds a Page token: a Page has no `accounts` edge. */
let pageToken = false;
let refuseToken = false;

function answer(request: RecordedRequest): { status: number; body: unknown } {
	if (refuseToken) return { status: 401, body: { error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190, fbtrace_id: 'Atrace' } } };
	if (request.method === 'GET' && request.path === '/v23.0/me/accounts') {
		if (pageToken) return { status: 400, body: { error: { message: '(#100) Tried accessing nonexisting field (accounts) on node type (Page)', type: 'OAuthException', code: 100, fbtrace_id: 'Atrace' } } };
		return { status: 200, body: ACCOUNTS[request.query.get('after') ?? 'first'] };
	}
	if (request.method === 'GET' && request.path === '/v23.0/me') return { status: 200, body: { id: PAGE_ID, name: 'Acme Store', instagram_business_account: { id: IG_ACCOUNT_ID, username: 'acme.store' } } };
	if (request.method === 'POST' && request.path.endsWith('/messages')) return { status: 200, body: { recipient_id: '7000000000000001', message_id: 'm_SENT' } };
	return { status: 404, body: { error: { message: `Unknown path ${request.path}`, code: 803 } } };
}

beforeAll(async () => {
	graph = await startLocalServer((request, response) => {
		const { status, body } = answer(request);
		sendJson(response, status, body);
	});
});
afterAll(async () => await graph.close());
beforeEach(() => {
	graph.requests.splice(0);
	pageToken = false;
	refuseToken = false;
});

const search = (node: OmnichannelMessenger | OmnichannelInstagram, method: string, options: { filter?: string; paginationToken?: string } = {}) =>
	runListSearch({ nodeType: node, parameters: { operation: 'sendText' }, credentials: metaCredentials(graph.url), credentialTypes: [new MetaPageApi()], method, ...options });

describe('Messenger: the Pages the token may send as', () => {
	it('lists them a page of results at a time, by Graph\'s after cursor, with the token n8n adds', async () => {
		const first = await search(new OmnichannelMessenger(), 'searchPages');
		expect(first).toEqual({
			results: [
				{ name: 'Acme Store', value: PAGE_ID, url: `https://www.facebook.com/${PAGE_ID}` },
				{ name: 'Acme Careers', value: '105000000000009', url: 'https://www.facebook.com/105000000000009' },
			],
			paginationToken: 'QVFIUPAGE2',
		});
		const [request] = graph.requests;
		expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
		expect(request.query.get('fields')).toBe('id,name,instagram_business_account{id,username}');
		const last = await search(new OmnichannelMessenger(), 'searchPages', { paginationToken: 'QVFIUPAGE2' });
		expect(graph.requests[1].query.get('after')).toBe('QVFIUPAGE2');
		expect(last).toEqual({ results: [{ name: 'Acme Brasil', value: OTHER_PAGE, url: `https://www.facebook.com/${OTHER_PAGE}` }] });
	});

	it('with a Page access token, offers that Page', async () => {
		pageToken = true;
		expect(await search(new OmnichannelMessenger(), 'searchPages')).toEqual({ results: [{ name: 'Acme Store', value: PAGE_ID, url: `https://www.facebook.com/${PAGE_ID}` }] });
		expect(graph.requests.map((request) => request.path)).toEqual(['/v23.0/me/accounts', '/v23.0/me']);
	});

	it('filters by name, and explains a refused token', async () => {
		expect((await search(new OmnichannelMessenger(), 'searchPages', { filter: 'careers' })).results.map((result) => result.value)).toEqual(['105000000000009']);
		refuseToken = true;
		await expect(search(new OmnichannelMessenger(), 'searchPages')).rejects.toThrow('Meta did not list the Pages: Error validating access token');
	});

	it('sends as the Page picked from the list (or typed, or saved as text)', async () => {
		const picked: INodeParameterResourceLocator = { __rl: true, mode: 'list', value: OTHER_PAGE, cachedResultName: 'Acme Brasil' };
		for (const pageId of [picked, { __rl: true as const, mode: 'id', value: OTHER_PAGE }, OTHER_PAGE]) {
			const result = await runWorkflow({
				nodeTypes: { omnichannelMessenger: new OmnichannelMessenger() },
				nodes: [{ name: 'Messenger', type: 'omnichannelMessenger', parameters: { operation: 'sendText', recipient: '7000000000000001', text: 'Olá', options: { pageId } } }],
				credentials: metaCredentials(graph.url),
				credentialTypes: [new MetaPageApi()],
			});
			expect(result.error).toBeUndefined();
			const [sent] = result.jsonOf('Messenger');
			expect({ account: sent.account, to: sent.to }).toEqual({ account: OTHER_PAGE, to: { identities: [{ kind: 'messenger', value: `${OTHER_PAGE}:7000000000000001` }] } });
		}
		expect(graph.requests.map((request) => request.path)).toEqual(Array(3).fill(`/v23.0/${OTHER_PAGE}/messages`));
	});
});

describe('Instagram: the accounts linked to the token\'s Pages', () => {
	it('lists each linked account by its username, through which Page, across pages of results', async () => {
		expect(await search(new OmnichannelInstagram(), 'searchInstagramAccounts')).toEqual({
			results: [{ name: '@acme.store', value: IG_ACCOUNT_ID, description: 'Through the Page Acme Store', url: 'https://www.instagram.com/acme.store' }],
			paginationToken: 'QVFIUPAGE2',
		});
		expect((await search(new OmnichannelInstagram(), 'searchInstagramAccounts', { paginationToken: 'QVFIUPAGE2' })).results.map((result) => result.value)).toEqual([OTHER_IG]);
		expect((await search(new OmnichannelInstagram(), 'searchInstagramAccounts', { filter: 'brasil' })).results).toEqual([]);
	});

	const send = (igAccountId: string, items: IDataObject[] = [{}], credentials: IDataObject = {}) =>
		runWorkflow({
			nodeTypes: { omnichannelInstagram: new OmnichannelInstagram() },
			nodes: [{ name: 'Instagram', type: 'omnichannelInstagram', parameters: { operation: 'sendText', recipient: '1234567890123456', text: 'Oi', options: { igAccountId: { __rl: true, mode: 'list', value: igAccountId } } } }],
			credentials: metaCredentials(graph.url, credentials),
			credentialTypes: [new MetaPageApi()],
			items: items.map((json) => ({ json })),
		});

	it('sends as another account through the Page it is linked to, looked up once per run', async () => {
		const result = await send(OTHER_IG, [{}, {}]);
		expect(result.error).toBeUndefined();
		expect(graph.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /v23.0/me/accounts',
			'GET /v23.0/me/accounts',
			`POST /v23.0/${OTHER_PAGE}/messages`,
			`POST /v23.0/${OTHER_PAGE}/messages`,
		]);
		expect(result.jsonOf('Instagram').map((event) => ({ account: event.account, to: event.to }))).toEqual(
			Array(2).fill({ account: OTHER_IG, to: { identities: [{ kind: 'instagram', value: `${OTHER_IG}:7000000000000001` }] } }),
		);
	});

	it('the credential\'s own account needs no look-up; with Instagram Login another account sends as itself', async () => {
		expect((await send(IG_ACCOUNT_ID)).error).toBeUndefined();
		expect((await send(OTHER_IG, [{}], { pageId: '' })).error).toBeUndefined();
		expect(graph.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`POST /v23.0/${PAGE_ID}/messages`, `POST /v23.0/${OTHER_IG}/messages`]);
	});

	it('an account linked to none of the token\'s Pages is refused before sending, saying why', async () => {
		const result = await send('17841400000000099');
		expect(result.error?.message).toContain('is not linked to any Facebook Page');
		expect(graph.requests.every((request) => request.method === 'GET')).toBe(true);
	});
});
