import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { mailgunSignature } from '../../core/channels/mailgun/signature';
import { canonicalEventSchema } from '../../core/model';
import { OmnichannelMailgunTrigger } from '../../nodes/OmnichannelMailgunTrigger/OmnichannelMailgunTrigger.node';
import { getLogger, readBinary, runWebhook } from '../support/n8n-harness';

/** The key the fixtures are signed with (test/fixtures/channels/mailgun/README.md). */
const SIGNING_KEY = 'key-test-mailgun-signing-0123456789abcdef';
const FIXTURES = join(__dirname, '../fixtures/channels/mailgun');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const now = () => Math.floor(Date.now() / 1000);

/** The fixture's fields, signed anew now (or at `timestamp`) with a fresh token. */
function signedFields(name: string, overrides: { timestamp?: number; token?: string; key?: string } = {}): [string, string][] {
	const timestamp = String(overrides.timestamp ?? now());
	const token = overrides.token ?? randomBytes(25).toString('hex');
	const signature = mailgunSignature(overrides.key ?? SIGNING_KEY, timestamp, token);
	const replaced: Record<string, string> = { timestamp, token, signature };
	return [...new URLSearchParams(fixture(name))].map(([key, value]) => [key, replaced[key] ?? value]);
}

const urlencoded = (fields: [string, string][]) => Buffer.from(new URLSearchParams(fields).toString());

interface FilePart {
	field: string;
	filename: string;
	mimeType: string;
	content: Buffer;
}

/** A multipart/form-data body as Mailgun posts emails with attachments. */
function multipart(fields: [string, string][], files: FilePart[]): { body: Buffer; contentType: string } {
	const boundary = `----MailgunBoundary${randomBytes(8).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const [name, value] of fields) {
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
	}
	for (const file of files) {
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`));
		chunks.push(file.content, Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const post = (body: Buffer, options: { contentType?: string; staticData?: IDataObject; parameters?: INodeParameters } = {}) =>
	runWebhook({
		nodeType: new OmnichannelMailgunTrigger(),
		parameters: options.parameters ?? {},
		staticData: options.staticData ?? {},
		credentials: { omnichannelMailgunWebhookApi: { signingKey: SIGNING_KEY } },
		request: { method: 'POST', headers: { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' }, rawBody: body },
	});

const PDF = Buffer.from('%PDF-1.4\n% fake invoice for tests\n\x00\xff binary bytes\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('Omnichannel Mailgun Trigger, through n8n', () => {
	it('emits a signed reply (urlencoded): the stripped text, sender, recipient and thread', async () => {
		const result = await post(urlencoded(signedFields('route-forward.form')));
		expect(result.statusCode).toBe(200);
		expect(result.items?.[0]).toHaveLength(1);
		const event = canonicalEventSchema.parse(result.items?.[0][0].json);
		expect(event).toMatchObject({
			id: 'email:support@mg.acme.example:CAF555mailgun0001@mail.example.com',
			provider: 'mailgun',
			channel: 'email',
			direction: 'inbound',
			from: { identities: [{ kind: 'email', value: 'maria.silva@example.com' }], name: 'Maria Silva' },
			account: 'support@mg.acme.example',
			to: {},
			subject: 'Re: [Ticket #4821] Your order has shipped',
			text: 'Thanks, the tracking link works now.',
			thread: { messageId: '<CAF555mailgun0001@mail.example.com>', inReplyTo: '<ticket-4821.msg-2@support.acme.example>' },
		});
		expect(event.raw).toBeUndefined();
		expect(result.items?.[0][0].binary).toBeUndefined();
	});

	it('emits a new thread with a quoted display name, and the raw fields when asked', async () => {
		const result = await post(urlencoded(signedFields('route-forward-new-thread.form')), { parameters: { options: { includeRaw: true } } });
		const event = result.items?.[0][0].json as IDataObject;
		expect(event).toMatchObject({ from: { identities: [{ kind: 'email', value: 'joao.souza@example.org' }], name: 'Souza, João' } });
		expect((event.thread as IDataObject).inReplyTo).toBeUndefined();
		expect(event.raw).toMatchObject({ subject: 'Refund for order 4833' });
	});

	it('reads a multipart post and turns its attachments into binary data, in Mailgun’s order', async () => {
		const fields = signedFields('route-forward.form').map(([key, value]): [string, string] => [key, key === 'attachment-count' ? '2' : value]);
		const { body, contentType } = multipart(fields, [
			{ field: 'attachment-2', filename: 'photo.png', mimeType: 'image/png', content: PNG },
			{ field: 'attachment-1', filename: 'Fatura março.pdf', mimeType: 'application/pdf', content: PDF },
		]);
		const result = await post(body, { contentType });
		expect(result.statusCode).toBe(200);
		const [item] = result.items?.[0] ?? [];
		expect(item.json).toMatchObject({
			externalId: 'CAF555mailgun0001@mail.example.com',
			subject: 'Re: [Ticket #4821] Your order has shipped',
			text: 'Thanks, the tracking link works now.',
			attachments: [
				{ type: 'document', filename: 'Fatura março.pdf', mimeType: 'application/pdf' },
				{ type: 'image', filename: 'photo.png', mimeType: 'image/png' },
			],
		});
		expect(item.binary?.attachment_0).toMatchObject({ fileName: 'Fatura março.pdf', mimeType: 'application/pdf' });
		expect(item.binary?.attachment_1).toMatchObject({ fileName: 'photo.png', mimeType: 'image/png' });
		expect((await readBinary(item.binary!.attachment_0)).equals(PDF)).toBe(true);
		expect((await readBinary(item.binary!.attachment_1)).equals(PNG)).toBe(true);
	});

	it('refuses a bad signature (403) or a missing one (401), starts nothing and logs no secret', async () => {
		const warn = jest.spyOn(getLogger(), 'warn');
		const bad = await post(urlencoded(signedFields('route-forward.form', { key: 'some-other-key' })));
		const missing = await post(urlencoded(signedFields('route-forward.form').filter(([key]) => key !== 'signature')));
		const multipartBad = multipart(signedFields('route-forward.form', { key: 'some-other-key' }), [{ field: 'attachment-1', filename: 'a.pdf', mimeType: 'application/pdf', content: PDF }]);
		const badMultipart = await post(multipartBad.body, { contentType: multipartBad.contentType });
		expect([bad.statusCode, missing.statusCode, badMultipart.statusCode]).toEqual([403, 401, 403]);
		expect([bad.items, missing.items, badMultipart.items]).toEqual([undefined, undefined, undefined]);
		const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
		expect(logged).toContain('refused a mailgun webhook: Mailgun: the signature does not match');
		expect(logged).not.toContain(SIGNING_KEY);
		expect(logged).not.toContain('some-other-key');
		warn.mockRestore();
	});

	it('refuses a stale timestamp even with a valid signature (the fixture as signed in June 2026)', async () => {
		const stale = await post(Buffer.from(fixture('route-forward.form')));
		const old = await post(urlencoded(signedFields('route-forward.form', { timestamp: now() - 301 })));
		expect([stale.statusCode, old.statusCode]).toEqual([403, 403]);
		expect(stale.items).toBeUndefined();
		expect(old.items).toBeUndefined();
	});

	it('refuses a reused token (a replayed request) with 403', async () => {
		const staticData = {};
		const fields = signedFields('route-forward.form');
		const first = await post(urlencoded(fields), { staticData });
		const replay = await post(urlencoded(fields), { staticData });
		expect(first.statusCode).toBe(200);
		expect(replay.statusCode).toBe(403);
		expect(replay.items).toBeUndefined();
	});

	it('starts nothing for a redelivered email (same Message-Id, newly signed), but answers 200', async () => {
		const staticData = {};
		const first = await post(urlencoded(signedFields('route-forward.form')), { staticData });
		const again = await post(urlencoded(signedFields('route-forward.form')), { staticData });
		const other = await post(urlencoded(signedFields('route-forward-new-thread.form')), { staticData });
		expect(first.items?.[0]).toHaveLength(1);
		expect(again.statusCode).toBe(200);
		expect(again.items).toBeUndefined();
		expect(other.items?.[0]).toHaveLength(1);
	});

	it('answers 400 to a JSON body', async () => {
		const result = await post(Buffer.from('{"event-data":{}}'), { contentType: 'application/json' });
		expect(result.statusCode).toBe(400);
		expect(result.items).toBeUndefined();
	});
});

describe('Omnichannel Mailgun Trigger with a body n8n already parsed', () => {
	/**
	 * In production n8n's webhook server parses multipart/form-data before the node runs
	 * (formidable): req.body is { data, files } and each file is a temporary file on disk.
	 * The harness hands nodes the raw bytes instead, so this replays n8n's shape.
	 */
	it('reads n8n’s { data, files } and copies the temporary files into binary data', async () => {
		const { mkdtempSync, writeFileSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const folder = mkdtempSync(join(tmpdir(), 'mailgun-upload-'));
		const filepath = join(folder, 'upload-1');
		writeFileSync(filepath, PDF);
		const data = Object.fromEntries(signedFields('route-forward.form'));
		const webhookHttp = await import('../support/webhook-http');
		const original = webhookHttp.toWebhookRequest;
		const spy = jest.spyOn(webhookHttp, 'toWebhookRequest').mockImplementation(async (req, params) => {
			const request = await original(req, params);
			request.body = { data, files: { 'attachment-1': { filepath, originalFilename: 'invoice.pdf', newFilename: 'upload-1', mimetype: 'application/pdf', size: PDF.length } } };
			return request;
		});
		try {
			const result = await post(Buffer.from('--x--\r\n'), { contentType: 'multipart/form-data; boundary=x' });
			expect({ status: result.statusCode, body: result.responseBody, error: result.error?.message }).toEqual({ status: 200, body: { received: true }, error: undefined });
			const [item] = result.items?.[0] ?? [];
			expect(item.json).toMatchObject({ externalId: 'CAF555mailgun0001@mail.example.com', attachments: [{ filename: 'invoice.pdf', mimeType: 'application/pdf' }] });
			expect(item.binary?.attachment_0).toMatchObject({ fileName: 'invoice.pdf', mimeType: 'application/pdf' });
			expect((await readBinary(item.binary!.attachment_0)).equals(PDF)).toBe(true);
		} finally {
			spy.mockRestore();
		}
	});
});
