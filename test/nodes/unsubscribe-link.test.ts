// One-click unsubscribe end to end: the Email node sends the RFC 8058 headers with a signed link,
// and the Unsubscribe Trigger, given that link, records the consent change and starts one execution.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { closeStores, CustomerGraph, openStore, unsubscribeToken } from '../../core';
import { OmnichannelEmail } from '../../nodes/OmnichannelEmail/OmnichannelEmail.node';
import { OmnichannelUnsubscribeTrigger } from '../../nodes/OmnichannelUnsubscribeTrigger/OmnichannelUnsubscribeTrigger.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { runWebhook, runWorkflow } from '../support/n8n-harness';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const TRIGGER_URL = 'https://n8n.example.com/webhook/5f0c1d2e-unsub/unsubscribe';
const SECRET = 'store-link-secret-0123456789abcdef';
const ONE_CLICK = 'List-Unsubscribe=One-Click';

describe('one-click unsubscribe: Omnichannel Email and Omnichannel Unsubscribe Trigger through n8n', () => {
	let smtp: TestSmtpServer;
	let store: ICredentialDataDecryptedObject;
	let graph: CustomerGraph;
	let maria: string;
	beforeAll(async () => {
		smtp = await startSmtpServer();
		store = { storeType: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-unsubscribe-')), linkSecret: SECRET };
		graph = new CustomerGraph(await openStore(storeConfigFromCredential(store)));
		[{ customerId: maria }] = (await graph.resolve([{ identities: [{ kind: 'email', value: 'maria.silva@example.com' }] }])) as { customerId: string }[];
	});
	afterAll(async () => {
		await smtp.close();
		await closeStores();
		rmSync(String(store.folder), { recursive: true, force: true });
	});
	beforeEach(() => smtp.messages.splice(0));

	const send = (options: INodeParameters, withStore = true) =>
		runWorkflow({
			nodeTypes: { omnichannelEmail: new OmnichannelEmail() },
			nodes: [{ name: 'Email', type: 'omnichannelEmail', parameters: { operation: 'sendEmail', to: 'Maria Silva <maria.silva@example.com>', subject: 'Autumn sale', text: 'Up to 40% off.', options } }],
			credentials: { omnichannelSmtp: { host: '127.0.0.1', port: smtp.port, security: 'none', defaultFrom: 'news@acme.example' }, ...(withStore ? { omnichannelStoreApi: store } : {}) },
			items: [{ json: {} }],
		});
	/** The raw header lines of the one message received. */
	const headerLines = () => smtp.messages[0].raw.slice(0, smtp.messages[0].raw.indexOf('\r\n\r\n')).split('\r\n');
	const linkOfSentMail = () => /^List-Unsubscribe: <(.*)>$/.exec(headerLines().find((line) => line.startsWith('List-Unsubscribe: '))!)![1];

	const unsubscribe = (method: 'POST' | 'GET', query: Record<string, string>, body = ONE_CLICK, withStore = true) =>
		runWebhook({
			nodeType: new OmnichannelUnsubscribeTrigger(),
			credentials: withStore ? { omnichannelStoreApi: store } : {},
			webhookName: method === 'GET' ? 'setup' : 'default',
			request: { method, headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Gmail one-click' } : {}, rawBody: method === 'POST' ? body : undefined, query },
		});

	it('sends List-Unsubscribe with the signed link and List-Unsubscribe-Post, byte for byte, for the customer holding the To address', async () => {
		const result = await send({ unsubscribeUrl: TRIGGER_URL });
		expect(result.error).toBeUndefined();
		const link = linkOfSentMail();
		expect(link).toMatch(new RegExp(`^${TRIGGER_URL}\\?token=${maria}\\.marketing\\.[\\w-]{43}$`));
		expect(headerLines()).toEqual(expect.arrayContaining([`List-Unsubscribe: <${link}>`, `List-Unsubscribe-Post: ${ONE_CLICK}`]));
		expect(smtp.messages[0].raw).not.toContain('maria.silva%40');
	});

	it('sends neither header without an Unsubscribe URL, and refuses to send without a customer or a secret', async () => {
		await send({});
		expect(headerLines().some((line) => /^List-Unsubscribe/i.test(line))).toBe(false);
		const unknown = await runWorkflow({
			nodeTypes: { omnichannelEmail: new OmnichannelEmail() },
			nodes: [{ name: 'Email', type: 'omnichannelEmail', parameters: { operation: 'sendEmail', to: 'stranger@example.com', subject: 'Hi', text: 'Hi', options: { unsubscribeUrl: TRIGGER_URL } } }],
			credentials: { omnichannelSmtp: { host: '127.0.0.1', port: smtp.port, security: 'none', defaultFrom: 'news@acme.example' }, omnichannelStoreApi: store },
			items: [{ json: {} }],
		});
		expect(unknown.error?.message).toBe('No customer in the store has the address "stranger@example.com", so there is no one for the unsubscribe link');
		const noSecret = await send({ unsubscribeUrl: TRIGGER_URL, unsubscribeCustomerId: maria }, false);
		expect(noSecret.error?.message).toBe('No secret to sign unsubscribe links with');
		expect(smtp.messages).toHaveLength(1);
	});

	it('the link of the mail, POSTed as a mail program does, unsubscribes the customer from e-mail marketing and emits one item', async () => {
		await send({ unsubscribeUrl: TRIGGER_URL });
		const token = new URL(linkOfSentMail()).searchParams.get('token')!;
		const result = await unsubscribe('POST', { token });
		expect(result.statusCode).toBe(200);
		expect(result.items?.[0]).toHaveLength(1);
		expect(result.items?.[0][0].json).toMatchObject({ customerId: maria, channel: 'email', purpose: 'marketing', state: 'unsubscribed', source: 'unsubscribe-link' });
		const consents = await graph.consents(maria);
		expect(consents?.current).toEqual([
			expect.objectContaining({ channel: 'email', purpose: 'marketing', state: 'unsubscribed', source: 'unsubscribe-link', evidence: `One-click unsubscribe link (POST ${ONE_CLICK}) from "Gmail one-click"` }),
		]);
	});

	it('a GET shows the confirmation page and changes nothing; a forged, missing or bodiless request starts nothing', async () => {
		const before = (await graph.consents(maria))?.trail.length;
		await send({ unsubscribeUrl: TRIGGER_URL });
		const token = new URL(linkOfSentMail()).searchParams.get('token')!;
		const page = await unsubscribe('GET', { token });
		expect(page.statusCode).toBe(200);
		expect(page.headers['content-type']).toMatch(/^text\/html/);
		expect(String(page.responseBody)).toContain(`<form method="post" action="?token=${encodeURIComponent(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">`);
		expect(page.items).toBeUndefined();

		const forged = await unsubscribe('POST', { token: token.replace(maria, '01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11') });
		const missing = await unsubscribe('POST', {});
		const bodiless = await unsubscribe('POST', { token }, '');
		expect([forged, missing, bodiless].map((refused) => [refused.statusCode, refused.items])).toEqual([
			[403, undefined],
			[400, undefined],
			[400, undefined],
		]);
		expect((await graph.consents(maria))?.trail.length).toBe(before);
	});

	it('answers a customer forgotten since the e-mail was sent as unsubscribed, and starts nothing', async () => {
		const [{ customerId: gone }] = (await graph.resolve([{ identities: [{ kind: 'email', value: 'gone@example.com' }] }])) as { customerId: string }[];
		await graph.forget(gone);
		const result = await unsubscribe('POST', { token: unsubscribeToken(SECRET, gone) });
		expect([result.statusCode, result.items]).toEqual([200, undefined]);
	});
});
