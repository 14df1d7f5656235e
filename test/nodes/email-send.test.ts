import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { OmnichannelEmail } from '../../nodes/OmnichannelEmail/OmnichannelEmail.node';
import { canonicalEventSchema } from '../../core/model';
import { runWorkflow, type HarnessInputItem } from '../support/n8n-harness';
import { leafParts, readMime, startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const USER = 'support@acme.example';
const PASSWORD = 'smtp-test-password-0123';
const RECEIPT = Buffer.from('%PDF-1.4\n% fake receipt for tests\n%%EOF\n');

/** What an email trigger emitted for the customer's message: the thread a reply must continue. */
const customerEmail = {
	type: 'message',
	channel: 'email',
	from: { identities: [{ kind: 'email', value: 'maria.silva@example.com' }], name: 'Maria Silva' },
	thread: {
		messageId: '<CAF555reply0001@mail.example.com>',
		inReplyTo: '<ticket-4821.msg-2@support.acme.example>',
		references: ['<ticket-4821.msg-1@support.acme.example>', '<ticket-4821.msg-2@support.acme.example>'],
	},
};

const replyParameters: INodeParameters = {
	operation: 'sendEmail',
	to: '={{ $json.from.identities[0].value }}',
	subject: 'Re: [Ticket #4821] Your order has shipped',
	text: 'Hi Maria, here is a new tracking link.',
	replyToMessageId: '={{ $json.thread.messageId }}',
	references: '={{ $json.thread.references }}',
	attachments: 'receipt',
	options: { from: 'Acme Support <support@acme.example>' },
};

describe('Omnichannel Email node: sending over a real SMTP connection, through n8n', () => {
	let smtp: TestSmtpServer;
	beforeEach(async () => {
		smtp = await startSmtpServer({ user: USER, password: PASSWORD, rejectRecipients: ['nobody@example.com'] });
	});
	afterEach(async () => smtp.close());

	const credential = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({ host: '127.0.0.1', port: smtp.port, security: 'none', user: USER, password: PASSWORD, defaultFrom: 'support@acme.example', ...overrides });
	const run = (parameters: INodeParameters, items: HarnessInputItem[], options: { credential?: ICredentialDataDecryptedObject; continueOnFail?: boolean } = {}) =>
		runWorkflow({
			nodeTypes: { omnichannelEmail: new OmnichannelEmail() },
			nodes: [{ name: 'Email', type: 'omnichannelEmail', parameters, onError: options.continueOnFail ? 'continueRegularOutput' : undefined }],
			credentials: { omnichannelSmtp: options.credential ?? credential() },
			items,
		});

	it('replies in the customer’s thread: Message-ID, In-Reply-To, References, the attachment, and the outbound event', async () => {
		const result = await run(replyParameters, [{ json: customerEmail as IDataObject, binary: { receipt: { data: RECEIPT, fileName: 'receipt-4821.pdf', mimeType: 'application/pdf' } } }]);
		expect(result.error).toBeUndefined();
		expect(smtp.messages).toHaveLength(1);
		const [mail] = smtp.messages;
		expect(mail).toMatchObject({ mailFrom: 'support@acme.example', rcptTo: ['maria.silva@example.com'], user: USER });

		const message = readMime(mail.raw);
		const messageId = message.headers['message-id'];
		expect(messageId).toMatch(/^<[0-9a-f-]{36}@acme\.example>$/);
		expect(message.headers['in-reply-to']).toBe('<CAF555reply0001@mail.example.com>');
		expect(message.headers.references).toBe('<ticket-4821.msg-1@support.acme.example> <ticket-4821.msg-2@support.acme.example> <CAF555reply0001@mail.example.com>');
		expect(message.headers.subject).toBe('Re: [Ticket #4821] Your order has shipped');
		expect(message.headers.from).toBe('Acme Support <support@acme.example>');
		expect(message.headers.to).toBe('maria.silva@example.com');

		const parts = leafParts(message);
		const text = parts.find((part) => part.headers['content-type']?.startsWith('text/plain'));
		expect(text?.body.toString('utf8')).toBe('Hi Maria, here is a new tracking link.');
		const attachment = parts.find((part) => /attachment/.test(part.headers['content-disposition'] ?? ''));
		expect(attachment?.headers['content-type']).toMatch(/^application\/pdf/);
		expect(attachment?.headers['content-disposition']).toContain('filename=receipt-4821.pdf');
		expect(attachment?.body.equals(RECEIPT)).toBe(true);

		const output = result.outputOf('Email');
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const event = canonicalEventSchema.parse(output[0].json);
		expect(event).toMatchObject({
			type: 'message',
			channel: 'email',
			provider: 'smtp',
			direction: 'outbound',
			externalId: messageId.slice(1, -1),
			id: `email:support@acme.example:${messageId.slice(1, -1)}`,
			from: { identities: [] },
			account: 'support@acme.example',
			to: { identities: [{ kind: 'email', value: 'maria.silva@example.com' }] },
			subject: 'Re: [Ticket #4821] Your order has shipped',
			text: 'Hi Maria, here is a new tracking link.',
			attachments: [{ type: 'document', filename: 'receipt-4821.pdf', mimeType: 'application/pdf' }],
			thread: {
				messageId,
				inReplyTo: '<CAF555reply0001@mail.example.com>',
				references: ['<ticket-4821.msg-1@support.acme.example>', '<ticket-4821.msg-2@support.acme.example>', '<CAF555reply0001@mail.example.com>'],
			},
		});
	});

	it('starts a new thread without In-Reply-To, from the credential’s Default From, one email per item, with HTML', async () => {
		const result = await run(
			{ operation: 'sendEmail', to: '={{ $json.email }}', subject: 'Welcome, {{ $json.name }}', text: '', html: '=<p>Hello {{ $json.name }}</p>', references: 'bare-id@example.com' },
			[{ json: { email: 'Ana@Example.com', name: 'Ana' } }, { json: { email: 'bruno@example.com', name: 'Bruno' } }],
		);
		expect(result.error).toBeUndefined();
		expect(smtp.messages.map((mail) => mail.rcptTo)).toEqual([['ana@example.com'], ['bruno@example.com']]);
		const first = readMime(smtp.messages[0].raw);
		expect(first.headers['in-reply-to']).toBeUndefined();
		expect(first.headers.references).toBe('<bare-id@example.com>');
		expect(first.headers.from).toBe('support@acme.example');
		expect(leafParts(first).find((part) => part.headers['content-type']?.startsWith('text/html'))?.body.toString().trimEnd()).toBe('<p>Hello Ana</p>');
		const output = result.outputOf('Email');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ to: { identities: [{ kind: 'email', value: 'ana@example.com' }] }, thread: { references: ['<bare-id@example.com>'] } });
		expect(output[0].json.externalId).not.toBe(output[1].json.externalId);
	});

	it('explains a refused login (535) without showing the password', async () => {
		const result = await run(replyParameters, [{ json: customerEmail as IDataObject, binary: { receipt: { data: RECEIPT, fileName: 'r.pdf' } } }], { credential: credential({ password: 'wrong-password' }) });
		expect(result.status).toBe('error');
		const error = result.nodeError('Email') as { message: string; description?: string };
		expect(error.message).toContain('smtp error 535');
		expect(error.description).toMatch(/user name or password.*app password/);
		expect(JSON.stringify(error)).not.toContain('wrong-password');
		expect(smtp.messages).toHaveLength(0);
	});

	it('explains a refused recipient (550) and, on continue-on-fail, goes on with the next item', async () => {
		const result = await run({ operation: 'sendEmail', to: '={{ $json.email }}', subject: 'Hi', text: 'Hello' }, [{ json: { email: 'nobody@example.com' } }, { json: { email: 'ana@example.com' } }], { continueOnFail: true });
		expect(result.error).toBeUndefined();
		const output = result.outputOf('Email');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ email: 'nobody@example.com' });
		expect(String(output[0].json.error)).toContain('Recipient address rejected');
		expect(output[1].json).toMatchObject({ direction: 'outbound', to: { identities: [{ kind: 'email', value: 'ana@example.com' }] } });
		expect(smtp.messages).toHaveLength(1);

		const failed = await run({ operation: 'sendEmail', to: 'nobody@example.com', subject: 'Hi', text: 'Hello' }, [{ json: {} }]);
		expect((failed.nodeError('Email') as { description?: string }).description).toMatch(/address probably doesn't exist/);
	});

	it('explains a server that cannot be reached (host, port, TLS)', async () => {
		const closed = await startSmtpServer();
		const port = closed.port;
		await closed.close();
		const result = await run({ operation: 'sendEmail', to: 'ana@example.com', subject: 'Hi', text: 'Hello' }, [{ json: {} }], { credential: credential({ port }) });
		expect((result.nodeError('Email') as { description?: string }).description).toMatch(/host and port/);
	});

	it('refuses, as a parameter error, a missing attachment property, an empty message or no recipient', async () => {
		const missing = await run({ ...replyParameters, attachments: 'receipt, invoice' }, [{ json: customerEmail as IDataObject, binary: { receipt: { data: RECEIPT } } }]);
		expect(missing.nodeError('Email')?.message).toContain('no binary property "invoice"');
		const empty = await run({ operation: 'sendEmail', to: 'ana@example.com', subject: 'Hi' }, [{ json: {} }]);
		expect(empty.nodeError('Email')?.message).toContain('no content');
		const nobody = await run({ operation: 'sendEmail', to: 'not an address', subject: 'Hi', text: 'x' }, [{ json: {} }]);
		expect(nobody.nodeError('Email')?.message).toContain('No valid recipient');
		expect(smtp.messages).toHaveLength(0);
	});

	it('tests the credential by signing in without sending', async () => {
		const test = new OmnichannelEmail().methods.credentialTest.omnichannelSmtpTest;
		const ok = await test.call({} as never, { id: '1', name: 'smtp', type: 'omnichannelSmtp', data: credential() });
		expect(ok.status).toBe('OK');
		const bad = await test.call({} as never, { id: '1', name: 'smtp', type: 'omnichannelSmtp', data: credential({ password: 'nope' }) });
		expect(bad).toMatchObject({ status: 'Error' });
		expect(bad.message).toMatch(/app password/);
		expect(smtp.messages).toHaveLength(0);
	});
});
