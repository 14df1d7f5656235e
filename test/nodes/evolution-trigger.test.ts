import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { EvolutionApi } from '../../credentials/EvolutionApi.credentials';
import { canonicalEventSchema } from '../../core/model';
import { OmnichannelEvolutionTrigger } from '../../nodes/OmnichannelEvolutionTrigger/OmnichannelEvolutionTrigger.node';
import { getLogger, runWebhook } from '../support/n8n-harness';
import { SHARED_CHANNEL_FIXTURES as SHARED } from '../support/shared-fixtures';

const LOCAL = path.resolve(__dirname, '../fixtures/channels/evolution');
const shared = (name: string) => readFileSync(path.join(SHARED, name));
const local = (name: string) => readFileSync(path.join(LOCAL, name));

const JWT_KEY = 'evolution-webhook-jwt-key-0123456789';
const HEADER_NAME = 'X-Acme-Webhook-Secret';
const HEADER_VALUE = 'acme-header-secret-9876543210';
const maria = { kind: 'phone', value: '+5511955550123' };
const mariaLid = { kind: 'external', value: '218743000000555@lid' };

const credential = (extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
	baseUrl: 'https://evolution.example.test',
	apiKey: 'B6D711FCDE4D4FD5936544120E713976',
	instanceName: 'acme-support',
	...extra,
});

/** A token as Evolution makes it (jsonwebtoken, HS256): {iat, exp: iat + 600, app, action}. */
function evolutionJwt(key: string, payload: Record<string, unknown> = {}): string {
	const iat = Math.floor(Date.now() / 1000);
	const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
	const body = Buffer.from(JSON.stringify({ iat, exp: iat + 600, app: 'evolution', action: 'webhook', ...payload })).toString('base64url');
	return `${header}.${body}.${createHmac('sha256', key).update(`${header}.${body}`).digest('base64url')}`;
}

interface Post {
	body: Buffer;
	headers?: Record<string, string>;
	credentials?: ICredentialDataDecryptedObject;
	options?: INodeParameters;
	staticData?: IDataObject;
}

const post = ({ body, headers = {}, credentials = credential(), options = {}, staticData = {} }: Post) =>
	runWebhook({
		nodeType: new OmnichannelEvolutionTrigger(),
		parameters: { options },
		credentials: { omnichannelEvolutionApi: credentials },
		credentialTypes: [new EvolutionApi()],
		staticData,
		request: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, rawBody: body },
	});

const eventsOf = (result: Awaited<ReturnType<typeof post>>) => (result.items?.[0] ?? []).map((item) => item.json);

describe('Omnichannel Evolution API Trigger, through n8n', () => {
	describe('the shared fixtures, without a proof configured', () => {
		it('starts one execution with the text message, the phone from the JID and the LID beside it', async () => {
			const result = await post({ body: shared('evolution-messages-upsert.json') });
			expect(result.statusCode).toBe(200);
			const events = eventsOf(result);
			expect(events).toHaveLength(1);
			expect(() => canonicalEventSchema.parse(events[0])).not.toThrow();
			expect(events[0]).toMatchObject({
				id: 'whatsapp:acme-support:3EB0A1B2C3D4E5F6A7B8C9',
				type: 'message',
				channel: 'whatsapp',
				provider: 'evolution',
				direction: 'inbound',
				from: { identities: [maria, mariaLid], name: 'Maria Silva' },
				account: 'acme-support',
				to: {},
				text: 'Olá! Gostaria de saber do meu pedido #4821',
			});
			expect(events[0].raw).toBeUndefined();
		});

		it('reads an image with its URL, type and caption', async () => {
			const [event] = eventsOf(await post({ body: shared('evolution-messages-upsert-image.json') }));
			expect(event).toMatchObject({ externalId: '3EB0C3D4E5F6A7B8C9D0E1', text: 'Foto da caixa danificada' });
			expect(event.attachments).toEqual([expect.objectContaining({ type: 'image', mimeType: 'image/jpeg', caption: 'Foto da caixa danificada' })]);
		});

		it('reads a READ update of our message as a read status for the customer', async () => {
			const [event] = eventsOf(await post({ body: shared('evolution-messages-update.json') }));
			expect(event).toMatchObject({
				id: 'whatsapp:acme-support:3EB0D4E5F6A7B8C9D0E1F2:read',
				type: 'status',
				direction: 'outbound',
				status: 'read',
				account: 'acme-support',
				to: { identities: [maria] },
				thread: { messageId: '3EB0D4E5F6A7B8C9D0E1F2' },
			});
		});
	});

	describe('with a Webhook JWT Key', () => {
		const withJwt = credential({ webhookJwtKey: JWT_KEY });

		it.each([
			['evolution-messages-upsert.json', 'message'],
			['evolution-messages-upsert-image.json', 'message'],
			['evolution-messages-update.json', 'status'],
		])('accepts %s with a valid Bearer token', async (file, type) => {
			const result = await post({ body: shared(file), credentials: withJwt, headers: { authorization: `Bearer ${evolutionJwt(JWT_KEY)}` } });
			expect(result.statusCode).toBe(200);
			expect(eventsOf(result).map((event) => event.type)).toEqual([type]);
		});

		it.each(['evolution-messages-upsert.json', 'evolution-messages-upsert-image.json', 'evolution-messages-update.json'])(
			'refuses %s without a token (401), with a token of another key or an expired one (403), and starts nothing',
			async (file) => {
				const missing = await post({ body: shared(file), credentials: withJwt });
				const wrongKey = await post({ body: shared(file), credentials: withJwt, headers: { authorization: `Bearer ${evolutionJwt('another-key')}` } });
				const expired = await post({
					body: shared(file),
					credentials: withJwt,
					headers: { authorization: `Bearer ${evolutionJwt(JWT_KEY, { iat: 1_700_000_000, exp: 1_700_000_600 })}` },
				});
				expect([missing.statusCode, wrongKey.statusCode, expired.statusCode]).toEqual([401, 403, 403]);
				expect([missing.items, wrongKey.items, expired.items]).toEqual([undefined, undefined, undefined]);
			},
		);

		it('logs a refusal without the key or the token', async () => {
			const warn = jest.spyOn(getLogger(), 'warn');
			const token = evolutionJwt('another-key');
			await post({ body: shared('evolution-messages-upsert.json'), credentials: withJwt, headers: { authorization: `Bearer ${token}` } });
			const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
			warn.mockRestore();
			expect(logged).toContain('refused a evolution webhook');
			expect(logged).not.toContain(JWT_KEY);
			expect(logged).not.toContain(token);
		});
	});

	describe('with a custom webhook header', () => {
		const withHeader = credential({ webhookHeaderName: HEADER_NAME, webhookHeaderValue: HEADER_VALUE });

		it.each(['evolution-messages-upsert.json', 'evolution-messages-upsert-image.json', 'evolution-messages-update.json'])(
			'accepts %s with the right value, refuses it missing (401) or wrong (403)',
			async (file) => {
				const good = await post({ body: shared(file), credentials: withHeader, headers: { 'x-acme-webhook-secret': HEADER_VALUE } });
				const missing = await post({ body: shared(file), credentials: withHeader });
				const wrong = await post({ body: shared(file), credentials: withHeader, headers: { 'x-acme-webhook-secret': `${HEADER_VALUE}x` } });
				expect([good.statusCode, missing.statusCode, wrong.statusCode]).toEqual([200, 401, 403]);
				expect(eventsOf(good)).toHaveLength(1);
				expect([missing.items, wrong.items]).toEqual([undefined, undefined]);
			},
		);

		it('refuses everything while the credential has a header name without a value, instead of checking nothing', async () => {
			const half = credential({ webhookHeaderName: HEADER_NAME });
			const result = await post({ body: shared('evolution-messages-upsert.json'), credentials: half, headers: { 'x-acme-webhook-secret': 'anything' } });
			expect(result.statusCode).toBe(403);
			expect(result.items).toBeUndefined();
		});

		it('requires both proofs when the credential sets both', async () => {
			const both = credential({ webhookJwtKey: JWT_KEY, webhookHeaderName: HEADER_NAME, webhookHeaderValue: HEADER_VALUE });
			const body = shared('evolution-messages-upsert.json');
			const authorization = `Bearer ${evolutionJwt(JWT_KEY)}`;
			const jwtOnly = await post({ body, credentials: both, headers: { authorization } });
			const headerOnly = await post({ body, credentials: both, headers: { 'x-acme-webhook-secret': HEADER_VALUE } });
			const all = await post({ body, credentials: both, headers: { authorization, 'x-acme-webhook-secret': HEADER_VALUE } });
			expect([jwtOnly.statusCode, headerOnly.statusCode, all.statusCode]).toEqual([403, 401, 200]);
			expect(eventsOf(all)).toHaveLength(1);
		});
	});

	it('starts nothing for a redelivered webhook, but still answers 200', async () => {
		const staticData: IDataObject = {};
		const first = await post({ body: shared('evolution-messages-upsert.json'), staticData });
		const again = await post({ body: shared('evolution-messages-upsert.json'), staticData });
		expect(eventsOf(first)).toHaveLength(1);
		expect(again.statusCode).toBe(200);
		expect(again.items).toBeUndefined();
	});

	it('adds the raw payload only when asked', async () => {
		const [event] = eventsOf(await post({ body: shared('evolution-messages-upsert.json'), options: { includeRaw: true } }));
		expect(event.raw).toMatchObject({ event: 'messages.upsert', instance: 'acme-support', data: { key: { id: '3EB0A1B2C3D4E5F6A7B8C9' } } });
	});

	it('skips our own messages unless "Include Our Own Messages" is on, then marks them outbound', async () => {
		const skipped = await post({ body: local('messages-upsert-from-me.json') });
		expect(skipped.statusCode).toBe(200);
		expect(skipped.items).toBeUndefined();
		const [echo] = eventsOf(await post({ body: local('messages-upsert-from-me.json'), options: { includeEchoes: true } }));
		expect(echo).toMatchObject({ direction: 'outbound', from: { identities: [] }, account: 'acme-support', to: { identities: [maria] }, text: 'Seu pedido #4821 foi enviado.' });
	});

	it('turns a tapped reply button (ours, from Send Buttons) into an action with its ID', async () => {
		const [event] = eventsOf(await post({ body: local('messages-upsert-interactive-reply.json') }));
		expect(event).toMatchObject({ type: 'action', action: { payload: 'talk_to_agent' }, thread: { inReplyTo: '3EB0B1C2D3E4F5061728' } });
		const [legacy] = eventsOf(await post({ body: local('messages-upsert-buttons-response.json') }));
		expect(legacy).toMatchObject({ type: 'action', action: { payload: 'track_order', title: 'Rastrear pedido' } });
	});

	it('never takes a LID for a phone', async () => {
		const [event] = eventsOf(await post({ body: local('messages-upsert-lid-without-alt.json') }));
		const identities = (event.from as { identities: Array<{ kind: string; value: string }> }).identities;
		expect(identities.length).toBeGreaterThan(0);
		expect(identities.every((identity) => identity.kind === 'external' && identity.value.endsWith('@lid'))).toBe(true);
	});

	it('answers 400 to a body that is not an Evolution webhook, and starts nothing', async () => {
		const result = await post({ body: Buffer.from('{"hello":"world"}') });
		expect(result.statusCode).toBe(400);
		expect(result.items).toBeUndefined();
	});

	describe('connection.update', () => {
		it('by default starts nothing and warns that the instance is disconnected', async () => {
			const warn = jest.spyOn(getLogger(), 'warn');
			const closed = await post({ body: local('connection-update.json') });
			const open = await post({ body: local('connection-update-open.json') });
			const logged = warn.mock.calls.map((call) => String(call[0]));
			warn.mockRestore();
			expect([closed.statusCode, open.statusCode]).toEqual([200, 200]);
			expect([closed.items, open.items]).toEqual([undefined, undefined]);
			expect(logged).toHaveLength(1);
			expect(logged[0]).toContain('instance "acme-support" is disconnected (logged out from the phone)');
		});

		it('with "Emit Connection Changes" starts the workflow with a connection item', async () => {
			const closed = eventsOf(await post({ body: local('connection-update.json'), options: { emitConnectionUpdates: true } }));
			const open = eventsOf(await post({ body: local('connection-update-open.json'), options: { emitConnectionUpdates: true, includeRaw: true } }));
			expect(closed).toEqual([
				{ type: 'connection', channel: 'whatsapp', provider: 'evolution', instance: 'acme-support', state: 'close', connected: false, statusReason: 401, timestamp: expect.any(String) },
			]);
			expect(open[0]).toMatchObject({ state: 'open', connected: true, wuid: '5511955550100@s.whatsapp.net', raw: { event: 'connection.update' } });
		});

		it('is checked like every other webhook: without the token it is refused and not logged as a disconnection', async () => {
			const warn = jest.spyOn(getLogger(), 'warn');
			const result = await post({ body: local('connection-update.json'), credentials: credential({ webhookJwtKey: JWT_KEY }), options: { emitConnectionUpdates: true } });
			const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
			warn.mockRestore();
			expect(result.statusCode).toBe(401);
			expect(result.items).toBeUndefined();
			expect(logged).not.toContain('disconnected');
		});
	});
});
