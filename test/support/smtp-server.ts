/**
 * A tiny SMTP receiver on 127.0.0.1 for tests that send real email: EHLO/HELO, AUTH PLAIN
 * and LOGIN, MAIL FROM, RCPT TO, DATA (dot-unstuffed), RSET, NOOP, QUIT. No TLS. It can
 * refuse a login (535) and chosen recipients (550), and records every accepted message.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	mailFrom: string;
	rcptTo: string[];
	/** The login used, when the client authenticated. */
	user?: string;
	/** The message exactly as received after DATA, CRLF line ends, dot-stuffing removed. */
	raw: string;
}

export interface SmtpServerOptions {
	/** Accepted credentials; when set, MAIL FROM without a login is refused with 530. */
	user?: string;
	password?: string;
	/** Recipients refused with 550. */
	rejectRecipients?: string[];
	/** The port on 127.0.0.1; by default any free one. */
	port?: number;
	/** Called with every accepted message, as it is accepted. */
	onMessage?: (mail: ReceivedMail) => void;
}

export interface TestSmtpServer {
	port: number;
	messages: ReceivedMail[];
	/** Commands received, AUTH payloads masked. */
	commands: string[];
	close(): Promise<void>;
}

const unbracket = (value: string) => value.trim().replace(/^<|>$/g, '').toLowerCase();

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
	const messages: ReceivedMail[] = [];
	const commands: string[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => {});
		let buffer = '';
		let state: 'command' | 'data' | 'auth-user' | 'auth-pass' | 'auth-plain' = 'command';
		let user: string | undefined;
		let pendingUser = '';
		let envelope: { mailFrom: string; rcptTo: string[] } = { mailFrom: '', rcptTo: [] };
		let data: string[] = [];
		const reply = (line: string) => socket.write(`${line}\r\n`);
		const checkLogin = (login: string, password: string) => {
			if (login === options.user && password === options.password) {
				user = login;
				reply('235 2.7.0 Authentication successful');
			} else reply('535 5.7.8 Authentication credentials invalid');
		};
		const plain = (encoded: string) => {
			const [, login = '', password = ''] = Buffer.from(encoded, 'base64').toString('utf8').split('\0');
			checkLogin(login, password);
		};

		const onLine = (line: string) => {
			if (state === 'data') {
				if (line === '.') {
					const mail = { ...envelope, user, raw: data.join('\r\n') + '\r\n' };
					messages.push(mail);
					options.onMessage?.(mail);
					envelope = { mailFrom: '', rcptTo: [] };
					data = [];
					state = 'command';
					reply('250 2.0.0 Ok: queued');
				} else data.push(line.startsWith('..') ? line.slice(1) : line);
				return;
			}
			if (state === 'auth-plain') return (state = 'command'), plain(line);
			if (state === 'auth-user') {
				pendingUser = Buffer.from(line, 'base64').toString('utf8');
				state = 'auth-pass';
				return reply('334 UGFzc3dvcmQ6');
			}
			if (state === 'auth-pass') {
				state = 'command';
				return checkLogin(pendingUser, Buffer.from(line, 'base64').toString('utf8'));
			}
			const [verb = '', ...rest] = line.split(' ');
			const argument = rest.join(' ');
			commands.push(/^AUTH$/i.test(verb) ? `AUTH ${rest[0] ?? ''}` : line);
			switch (verb.toUpperCase()) {
				case 'EHLO':
					return reply('250-test.smtp.local\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SMTPUTF8');
				case 'HELO':
					return reply('250 test.smtp.local');
				case 'AUTH': {
					const mechanism = (rest[0] ?? '').toUpperCase();
					if (mechanism === 'PLAIN') {
						if (rest[1]) return plain(rest[1]);
						state = 'auth-plain';
						return reply('334 ');
					}
					if (mechanism === 'LOGIN') {
						if (rest[1]) {
							pendingUser = Buffer.from(rest[1], 'base64').toString('utf8');
							state = 'auth-pass';
							return reply('334 UGFzc3dvcmQ6');
						}
						state = 'auth-user';
						return reply('334 VXNlcm5hbWU6');
					}
					return reply('504 5.5.4 Unrecognized authentication type');
				}
				case 'MAIL':
					if (options.user && !user) return reply('530 5.7.0 Authentication required');
					envelope = { mailFrom: unbracket(argument.replace(/^FROM:/i, '').split(' ')[0]), rcptTo: [] };
					return reply('250 2.1.0 Ok');
				case 'RCPT': {
					const recipient = unbracket(argument.replace(/^TO:/i, '').split(' ')[0]);
					if (options.rejectRecipients?.map((entry) => entry.toLowerCase()).includes(recipient)) {
						return reply(`550 5.1.1 <${recipient}>: Recipient address rejected: User unknown in virtual mailbox table`);
					}
					envelope.rcptTo.push(recipient);
					return reply('250 2.1.5 Ok');
				}
				case 'DATA':
					if (envelope.rcptTo.length === 0) return reply('554 5.5.1 Error: no valid recipients');
					state = 'data';
					return reply('354 End data with <CR><LF>.<CR><LF>');
				case 'RSET':
					envelope = { mailFrom: '', rcptTo: [] };
					return reply('250 2.0.0 Ok');
				case 'NOOP':
					return reply('250 2.0.0 Ok');
				case 'QUIT':
					reply('221 2.0.0 Bye');
					return socket.end();
				default:
					return reply('502 5.5.2 Error: command not recognized');
			}
		};

		socket.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			let index: number;
			while ((index = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, index);
				buffer = buffer.slice(index + 2);
				onLine(line);
			}
		});
		reply('220 test.smtp.local ESMTP ready');
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', resolve);
	});
	return {
		port: (server.address() as AddressInfo).port,
		messages,
		commands,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** One part of a received message: its headers (lower-cased names, unfolded) and decoded body. */
export interface MimePart {
	headers: Record<string, string>;
	body: Buffer;
	parts: MimePart[];
}

function decodeBody(headers: Record<string, string>, body: string): Buffer {
	const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
	if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
	if (encoding === 'quoted-printable') {
		const text = body.replace(/=\r\n/g, '');
		return Buffer.from(text.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
	}
	return Buffer.from(body, 'utf8');
}

/** Reads a raw MIME message into its headers and (nested) parts: just enough for assertions. */
export function readMime(raw: string): MimePart {
	const split = raw.indexOf('\r\n\r\n');
	const head = split < 0 ? raw : raw.slice(0, split);
	const body = split < 0 ? '' : raw.slice(split + 4);
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
	if (!/^multipart\//i.test(headers['content-type'] ?? '') || !boundary) return { headers, body: decodeBody(headers, body), parts: [] };
	const parts = body
		.split(`--${boundary}`)
		.slice(1)
		.filter((chunk) => !chunk.startsWith('--'))
		.map((chunk) => readMime(chunk.replace(/^\r\n/, '').replace(/\r\n$/, '')));
	return { headers, body: Buffer.alloc(0), parts };
}

/** Every leaf part of a message, depth first. */
export function leafParts(part: MimePart): MimePart[] {
	return part.parts.length === 0 ? [part] : part.parts.flatMap(leafParts);
}
