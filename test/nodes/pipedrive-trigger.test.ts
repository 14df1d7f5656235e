import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeParameters } from 'n8n-workflow';
import { closeStores, CustomerGraph, openStore } from '../../core';
import type { AppliedCrmChange } from '../../core/crm/apply-changes';
import { OmnichannelPipedriveTrigger } from '../../nodes/OmnichannelPipedriveTrigger/OmnichannelPipedriveTrigger.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { runWebhook, runWebhookLifecycle } from '../support/n8n-harness';
import { startFakePipedriveApi, type FakePipedriveApi } from '../support/pipedrive-webhooks-api';

const AUTH = { user: 'pipedrive-hook', password: 'hook-password-0123' };
const API_TOKEN = 'pipedrive-api-token-0123456789';
const WEBHOOK_URL = 'http://localhost:5678/webhook/test-webhook-id/webhook';
const fixtureText = readFileSync(path.resolve(__dirname, '../fixtures/crm/pipedrive/webhook-v2-person-change.payload.json'), 'utf8');
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** n8n's own Pipedrive API credential, as n8n-nodes-base defines it: the token in the api_token query parameter. */
const pipedriveApiType: ICredentialType = {
	name: 'pipedriveApi',
	displayName: 'Pipedrive API',
	properties: [{ displayName: 'API Token', name: 'apiToken', type: 'string', default: '' }],
	authenticate: { type: 'generic', properties: { qs: { api_token: '={{$credentials.apiToken}}' } } },
};

describe('Omnichannel Pipedrive Trigger, through n8n', () => {
	let store: ICredentialDataDecryptedObject;
	let graph: CustomerGraph;
	beforeAll(async () => {
		store = { storeType: 'embedded', folder: mkdtempSync(path.join(tmpdir(), 'omnichannel-pipedrive-')) };
		graph = new CustomerGraph(await openStore(storeConfigFromCredential(store)));
	});
	afterAll(async () => {
		await closeStores();
		rmSync(String(store.folder), { recursive: true, force: true });
	});

	/** Posts a webhook; '' for no Authorization header. The same staticData is the same workflow, whose deliveries are remembered. */
	const post = (body: unknown, authorization = basic(AUTH.user, AUTH.password), parameters: INodeParameters = {}, staticData: IDataObject = {}) =>
		runWebhook({
			nodeType: new OmnichannelPipedriveTrigger(),
			typeVersion: 1.1,
			parameters: { webhookRegistration: 'manual', options: { defaultCountry: 'BR' }, ...parameters },
			credentials: { httpBasicAuth: AUTH, omnichannelStoreApi: store },
			staticData,
			request: {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
				rawBody: typeof body === 'string' ? body : JSON.stringify(body),
			},
		});
	const itemsOf = (result: Awaited<ReturnType<typeof post>>) => (result.items?.[0] ?? []).map((item) => item.json as unknown as AppliedCrmChange);
	const customerKnownBy = async (personId: string, email: string) => (await graph.resolve([{ identities: [{ kind: 'pipedrive', value: personId }, { kind: 'email', value: email }] }]))[0].customerId!;
	const personWebhook = (meta: Record<string, unknown>, data: Record<string, unknown> | null, previous: Record<string, unknown> | null) => {
		const fixture = JSON.parse(fixtureText) as { meta: Record<string, unknown> };
		return { meta: { ...fixture.meta, ...meta }, data, previous };
	};

	it('a person whose phone changed: the customer known by the person id gains it', async () => {
		const id = await customerKnownBy('1042', 'maria.silva@example.com');
		const result = await post(fixtureText);
		expect(result.statusCode).toBe(200);
		expect(itemsOf(result)).toEqual([
			{
				change: expect.objectContaining({ crm: 'pipedrive', type: 'identifiers-changed', recordId: '1042', phones: ['+5511987654321'] }),
				customerId: id,
				applied: 'identifier-added',
				reason: 'added phone +5511987654321 from Pipedrive person 1042',
			},
		]);
		expect((await graph.getCustomer(id, 0))!.identities).toContainEqual({ kind: 'phone', value: '+5511987654321' });
	});

	it('refuses a wrong password, a wrong user and a missing Authorization with 401, starting nothing and changing nothing', async () => {
		const id = await customerKnownBy('1100', 'basic.auth@example.com');
		const body = personWebhook({ id: 'refused', entity_id: 1100 }, { id: 1100, phones: [{ value: '+5511987651100' }] }, { phones: [] });
		const results = [await post(body, basic(AUTH.user, 'guess')), await post(body, basic('someone', AUTH.password)), await post(body, '')];
		expect(results.map((result) => [result.statusCode, result.items])).toEqual([
			[401, undefined],
			[401, undefined],
			[401, undefined],
		]);
		expect((await graph.getCustomer(id, 0))!.identities).not.toContainEqual({ kind: 'phone', value: '+5511987651100' });
	});

	it('starts nothing for a redelivery (the same meta.id, a later attempt)', async () => {
		await customerKnownBy('1101', 'retry@example.com');
		const body = personWebhook({ id: 'delivery-1101', entity_id: 1101, attempt: 1 }, { id: 1101, emails: [{ value: 'retry.new@example.com' }] }, { emails: [{ value: 'retry@example.com' }] });
		const staticData: IDataObject = {};
		const first = await post(body, undefined, {}, staticData);
		const again = await post({ ...body, meta: { ...body.meta, attempt: 2 } }, undefined, {}, staticData);
		expect(itemsOf(first)).toEqual([expect.objectContaining({ applied: 'identifier-added' })]);
		expect([again.statusCode, again.items]).toEqual([200, undefined]);
	});

	it('a merge (a change naming merge_what_id) merges our two customers; the delete of the merged person then finds no one', async () => {
		const kept = await customerKnownBy('1200', 'kept.person@example.com');
		const gone = await customerKnownBy('1201', 'merged.person@example.com');
		const merge = await post(personWebhook({ id: 'merge-1200', entity_id: 1200 }, { id: 1200, name: 'Maria', merge_what_id: 1201 }, { merge_what_id: null }));
		expect(itemsOf(merge)).toEqual([expect.objectContaining({ customerId: kept, applied: 'merged', reason: `Pipedrive merged person 1201 into person 1200: customer ${gone} merged into ${kept}` })]);
		const deletion = await post(personWebhook({ id: 'delete-1201', action: 'delete', entity_id: 1201 }, null, { id: 1201 }));
		expect(itemsOf(deletion)).toEqual([expect.objectContaining({ applied: 'nothing', reason: 'no customer is known by Pipedrive person 1201' })]);
		expect((await graph.getCustomer(kept, 0))!.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual(['email:kept.person@example.com', 'email:merged.person@example.com', 'pipedrive:1200']);
	});

	it('a deleted person: the customer only loses the person id', async () => {
		const id = await customerKnownBy('1300', 'deleted.person@example.com');
		const result = await post(personWebhook({ id: 'delete-1300', action: 'delete', entity_id: 1300 }, null, { id: 1300 }));
		expect(itemsOf(result)).toEqual([expect.objectContaining({ customerId: id, applied: 'identifier-removed' })]);
		expect((await graph.getCustomer(id, 0))!.identities).toEqual([{ kind: 'email', value: 'deleted.person@example.com' }]);
	});

	describe('webhook registration', () => {
		let pipedrive: FakePipedriveApi;
		beforeAll(async () => {
			pipedrive = await startFakePipedriveApi(API_TOKEN);
		});
		afterAll(async () => await pipedrive.close());
		beforeEach(() => pipedrive.reset());

		const lifecycle = (method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, withToken = true) =>
			runWebhookLifecycle({
				nodeType: new OmnichannelPipedriveTrigger(),
				typeVersion: 1.1,
				parameters: { webhookRegistration: 'api', apiBaseUrl: pipedrive.url },
				credentials: { httpBasicAuth: AUTH, ...(withToken ? { pipedriveApi: { apiToken: API_TOKEN } } : {}) },
				credentialTypes: [pipedriveApiType],
				method,
				staticData,
			});

		it('creates a person webhook of version 2.0 with the basic auth on activation, finds it, and deletes it on deactivation', async () => {
			const staticData: IDataObject = {};
			expect((await lifecycle('checkExists', staticData)).result).toBe(false);
			await lifecycle('create', staticData);
			expect(pipedrive.violations).toEqual([]);
			const create = pipedrive.requests.find((request) => request.method === 'POST');
			expect(create?.path).toBe('/v1/webhooks');
			expect(create?.query.get('api_token')).toBe(API_TOKEN);
			expect(create?.json).toEqual({ subscription_url: WEBHOOK_URL, event_action: '*', event_object: 'person', http_auth_user: AUTH.user, http_auth_password: AUTH.password, version: '2.0' });
			const [webhook] = [...pipedrive.webhooks.values()];
			expect(JSON.stringify(staticData)).not.toContain(AUTH.password);
			expect(JSON.stringify(staticData)).toContain(String(webhook.id));

			expect((await lifecycle('checkExists', staticData)).result).toBe(true);
			expect((await lifecycle('delete', staticData)).result).toBe(true);
			expect(pipedrive.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v1/webhooks/${webhook.id}` });
			expect(pipedrive.webhooks.size).toBe(0);
		});

		const pipedriveWebhook = { company_id: 1, owner_id: 1, user_id: 1, is_active: 1, add_time: '2025-06-02T12:00:00Z', remove_time: null, type: 'general' as const, http_auth_user: null, http_auth_password: null };

		it('finds a webhook made by hand and leaves it on deactivation', async () => {
			pipedrive.webhooks.set(7, { ...pipedriveWebhook, id: 7, subscription_url: WEBHOOK_URL, event_object: 'person', event_action: '*', version: '2.0' });
			expect((await lifecycle('checkExists', {})).result).toBe(true);
			await lifecycle('delete', {});
			expect(pipedrive.webhooks.size).toBe(1);
		});

		it('says what to do when there is no API token, and when Pipedrive refuses it', async () => {
			await expect(lifecycle('create', {}, false)).rejects.toThrow('No Pipedrive API token to create the webhook with');
			const refused = runWebhookLifecycle({
				nodeType: new OmnichannelPipedriveTrigger(),
				typeVersion: 1.1,
				parameters: { webhookRegistration: 'api', apiBaseUrl: pipedrive.url },
				credentials: { httpBasicAuth: AUTH, pipedriveApi: { apiToken: 'wrong-token' } },
				credentialTypes: [pipedriveApiType],
				method: 'create',
				staticData: {},
			});
			await expect(refused).rejects.toMatchObject({ message: 'Pipedrive could not list the webhooks: unauthorized access', description: expect.stringContaining('API token') });
		});
	});
});
