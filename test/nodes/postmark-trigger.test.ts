import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { canonicalEventSchema } from '../../core/model';
import { OmnichannelPostmarkTrigger } from '../../nodes/OmnichannelPostmarkTrigger/OmnichannelPostmarkTrigger.node';
import { getLogger, readBinary, runWebhook } from '../support/n8n-harness';
import { SHARED_CHANNEL_FIXTURES as SHARED } from '../support/shared-fixtures';

const plain = readFileSync(join(SHARED, 'email-inbound-postmark.json'));
const withAttachment = readFileSync(join(SHARED, 'email-inbound-postmark-attachment.json'));
const quotedReply = readFileSync(join(__dirname, '../fixtures/channels/postmark/inbound-quoted-reply.json'));

const USER = 'postmark-hook';
const PASSWORD = 'pm-basic-pass-0123456789';
const URL_SECRET = 'pm-url-secret-abcdef0123456789';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Post {
	body?: Buffer;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	parameters?: INodeParameters;
	withCredential?: boolean;
	staticData?: IDataObject;
}

const post = ({ body = plain, headers = {}, query, parameters = {}, withCredential = true, staticData = {} }: Post) =>
	runWebhook({
		nodeType: new OmnichannelPostmarkTrigger(),
		parameters,
		staticData,
		credentials: withCredential ? { omnichannelPostmarkInboundApi: { user: USER, password: PASSWORD } } : {},
		request: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, rawBody: body, query },
	});

describe('Omnichannel Postmark Trigger, through n8n', () => {
	it('emits the reply without quoted history, the sender, the recipient and the thread', async () => {
		const result = await post({ headers: { authorization: basic(USER, PASSWORD) } });
		expect(result.statusCode).toBe(200);
		expect(result.items?.[0]).toHaveLength(1);
		const event = canonicalEventSchema.parse(result.items?.[0][0].json);
		expect(event).toMatchObject({
			type: 'message',
			channel: 'email',
			provider: 'postmark',
			direction: 'inbound',
			from: { identities: [{ kind: 'email', value: 'maria.silva@example.com' }], name: 'Maria Silva' },
			account: 'a1b2c3d4e5f60718293a4b5c6d7e8f90+ticket4821@inbound.postmarkapp.com',
			to: {},
			subject: 'Re: [Ticket #4821] Your order has shipped',
			text: 'Thanks, but the tracking link does not work.',
			thread: {
				messageId: '<CAF555reply0001@mail.example.com>',
				inReplyTo: '<ticket-4821.msg-2@support.acme.example>',
				references: ['<ticket-4821.msg-1@support.acme.example>', '<ticket-4821.msg-2@support.acme.example>'],
			},
		});
		expect(event.raw).toBeUndefined();
		expect(result.items?.[0][0].binary).toBeUndefined();
	});

	it('turns each attachment into binary data with its bytes, name and type', async () => {
		const result = await post({ body: withAttachment, headers: { authorization: basic(USER, PASSWORD) } });
		const [item] = result.items?.[0] ?? [];
		expect(item.json).toMatchObject({ attachments: [{ type: 'document', filename: 'receipt-4821.pdf', mimeType: 'application/pdf' }] });
		const binary = item.binary?.attachment_0;
		expect(binary).toMatchObject({ fileName: 'receipt-4821.pdf', mimeType: 'application/pdf' });
		const expected = Buffer.from(JSON.parse(withAttachment.toString()).Attachments[0].Content, 'base64');
		expect((await readBinary(binary!)).equals(expected)).toBe(true);
		expect(expected.toString()).toContain('fake receipt');
		expect(Object.keys(item.binary ?? {})).toEqual(['attachment_0']);
	});

	it('strips the quoted history itself when Postmark gives no stripped reply, and adds the raw payload when asked', async () => {
		const result = await post({ body: quotedReply, headers: { authorization: basic(USER, PASSWORD) }, parameters: { options: { includeRaw: true } } });
		const event = result.items?.[0][0].json as IDataObject;
		expect(String(event.text)).toContain('The package arrived today, thank you!');
		expect(String(event.text)).not.toMatch(/escreveu:|Tracking:|^>/m);
		expect(event.raw).toMatchObject({ MessageID: JSON.parse(quotedReply.toString()).MessageID });
	});

	it('refuses a missing (401) or wrong (403) Basic login, starts nothing and logs no secret', async () => {
		const warn = jest.spyOn(getLogger(), 'warn');
		const missing = await post({});
		const wrong = await post({ headers: { authorization: basic(USER, 'guessed-password') } });
		const notBasic = await post({ headers: { authorization: 'Bearer abc' } });
		expect([missing.statusCode, wrong.statusCode, notBasic.statusCode]).toEqual([401, 403, 403]);
		expect([missing.items, wrong.items, notBasic.items]).toEqual([undefined, undefined, undefined]);
		const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
		expect(logged).toContain('refused a postmark webhook');
		for (const secret of [PASSWORD, 'guessed-password', basic(USER, PASSWORD)]) expect(logged).not.toContain(secret);
		warn.mockRestore();
	});

	it('checks a URL secret in the query: 401 without it, 403 when wrong, accepted when right', async () => {
		const parameters = { urlSecret: URL_SECRET };
		const warn = jest.spyOn(getLogger(), 'warn');
		const missing = await post({ parameters, withCredential: false });
		const wrong = await post({ parameters, withCredential: false, query: { secret: 'nope' } });
		const right = await post({ parameters, withCredential: false, query: { secret: URL_SECRET } });
		expect([missing.statusCode, wrong.statusCode, right.statusCode]).toEqual([401, 403, 200]);
		expect(missing.items).toBeUndefined();
		expect(wrong.items).toBeUndefined();
		expect(right.items?.[0]).toHaveLength(1);
		const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
		expect(logged).toContain('URL secret does not match');
		expect(logged).not.toContain(URL_SECRET);
		expect(logged).not.toContain('nope');
		warn.mockRestore();
	});

	it('needs both when both are set, and accepts anything when neither is (not recommended)', async () => {
		const both = { parameters: { urlSecret: URL_SECRET }, query: { secret: URL_SECRET } };
		expect((await post(both)).statusCode).toBe(401);
		expect((await post({ ...both, headers: { authorization: basic(USER, PASSWORD) } })).statusCode).toBe(200);
		const open = await post({ withCredential: false });
		expect(open.items?.[0]).toHaveLength(1);
	});

	it('starts nothing for a redelivered email, but answers 200', async () => {
		const staticData = {};
		const headers = { authorization: basic(USER, PASSWORD) };
		const first = await post({ body: withAttachment, headers, staticData });
		const again = await post({ body: withAttachment, headers, staticData });
		expect(first.items?.[0]).toHaveLength(1);
		expect(again.statusCode).toBe(200);
		expect(again.items).toBeUndefined();
	});

	it('answers 400 to a body that is not a Postmark inbound email', async () => {
		const result = await post({ body: Buffer.from('{"RecordType":"Bounce"}'), headers: { authorization: basic(USER, PASSWORD) } });
		expect(result.statusCode).toBe(400);
		expect(result.items).toBeUndefined();
	});
});
