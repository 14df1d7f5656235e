/**
 * Local stand-ins for the providers' send APIs, for the local n8n (npm start), the demo and
 * end-to-end tests: one HTTP server answering as Meta's Graph API (WhatsApp Cloud API,
 * Messenger and Instagram Send API), the Telegram Bot API, Twilio's Messages API, Evolution
 * API's send endpoints and HubSpot's contacts API do, plus an SMTP sink. Point a credential's
 * Base URL (or SMTP host and port, or the HubSpot node's API Base URL) at them. Everything they
 * receive is recorded:
 *
 *   GET    /__records            every request answered, oldest first (?since=<seq> for newer ones)
 *   DELETE /__records            forget them
 *   GET    /__telegram/webhook?token=<bot token>   the webhook a bot's setWebhook left (URL, secret)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from '../local-server';
import { readMime, startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../smtp-server';
import { evolutionRoute } from './evolution';
import { graphApiRoute } from './graph-api';
import { hubspotRoute } from './hubspot';
import { telegramRoute, type TelegramWebhook } from './telegram';
import { twilioRoute } from './twilio';
import type { Route, StandInRecord } from './types';

export type { StandInApi, StandInRecord } from './types';
export type { TelegramWebhook } from './telegram';

export interface StandInOptions {
	/** HTTP port on 127.0.0.1 (default: any free one). */
	port?: number;
	/** SMTP port on 127.0.0.1 (default: any free one). */
	smtpPort?: number;
	/**
	 * Where to keep the bots' webhooks between starts, as Telegram keeps them: n8n registers a
	 * Telegram trigger's webhook when the workflow is published, not each time it starts.
	 */
	telegramWebhooksFile?: string;
	/** Accepted credentials, per API; an API without an entry accepts any (but never none). */
	accept?: {
		graphTokens?: string[];
		telegramTokens?: string[];
		twilioAuthTokens?: Record<string, string>;
		evolutionApiKeys?: string[];
		hubspotTokens?: string[];
	};
}

export interface ProviderStandIns {
	/** Base URL of the HTTP APIs, e.g. http://127.0.0.1:5680 */
	url: string;
	smtpPort: number;
	records: StandInRecord[];
	/** The webhook each bot token registered with setWebhook. */
	telegramWebhooks: Map<string, TelegramWebhook>;
	close(): Promise<void>;
}

/** What a received e-mail looks like in the records: its envelope, subject, threading headers and plain text. */
function mailBody(mail: ReceivedMail) {
	const message = readMime(mail.raw);
	const leaves = message.parts.length ? message.parts : [message];
	const plain = leaves.find((part) => /^text\/plain/i.test(part.headers['content-type'] ?? 'text/plain')) ?? leaves[0];
	const header = (name: string) => message.headers[name];
	return {
		mailFrom: mail.mailFrom,
		rcptTo: mail.rcptTo,
		from: header('from'),
		to: header('to'),
		subject: header('subject'),
		messageId: header('message-id'),
		inReplyTo: header('in-reply-to'),
		references: header('references'),
		text: plain?.body.toString('utf8').trim(),
	};
}

export async function startProviderStandIns(options: StandInOptions = {}): Promise<ProviderStandIns> {
	const records: StandInRecord[] = [];
	const file = options.telegramWebhooksFile;
	const telegramWebhooks = new Map<string, TelegramWebhook>(file && existsSync(file) ? Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, TelegramWebhook>) : []);
	const saveWebhooks = file ? () => writeFileSync(file, `${JSON.stringify(Object.fromEntries(telegramWebhooks), null, 2)}\n`) : undefined;
	const accept = options.accept ?? {};
	const routes: Route[] = [graphApiRoute(accept.graphTokens), telegramRoute(telegramWebhooks, accept.telegramTokens, saveWebhooks), twilioRoute(accept.twilioAuthTokens), evolutionRoute(accept.evolutionApiKeys), hubspotRoute(accept.hubspotTokens)];
	let seq = 0;

	const control = (request: RecordedRequest, response: ServerResponse): boolean => {
		if (request.path === '/__records' && request.method === 'GET') {
			const since = Number(request.query.get('since') ?? 0);
			sendJson(response, 200, records.filter((record) => record.seq > since));
			return true;
		}
		if (request.path === '/__records' && request.method === 'DELETE') {
			records.splice(0);
			sendJson(response, 200, { cleared: true });
			return true;
		}
		if (request.path === '/__telegram/webhook' && request.method === 'GET') {
			const webhook = telegramWebhooks.get(request.query.get('token') ?? '');
			sendJson(response, webhook ? 200 : 404, webhook ?? { error: 'no webhook registered for this bot token' });
			return true;
		}
		return false;
	};

	const http: LocalServer = await startLocalServer((request, response) => {
		// The server's own request log would grow forever; the records below are what matters.
		http.requests.splice(0);
		if (control(request, response)) return;
		seq += 1;
		for (const route of routes) {
			const handled = route(request, seq);
			if (!handled) continue;
			records.push({ seq, at: new Date().toISOString(), api: handled.api, method: request.method, path: request.path, status: handled.answer.status, body: handled.body ?? request.json, ...handled.send });
			for (const [name, value] of Object.entries(handled.answer.headers ?? {})) response.setHeader(name, value);
			sendJson(response, handled.answer.status, handled.answer.body);
			return;
		}
		sendJson(response, 404, { error: `no provider API here answers ${request.method} ${request.path}` });
	}, options.port ?? 0);

	let smtp: TestSmtpServer;
	try {
		smtp = await startSmtpServer({
			port: options.smtpPort,
			onMessage: (mail) => {
				seq += 1;
				const body = mailBody(mail);
				records.push({ seq, at: new Date().toISOString(), api: 'smtp', method: 'DATA', path: `smtp://127.0.0.1`, status: 250, body, to: mail.rcptTo.join(', '), from: mail.mailFrom, text: body.text });
			},
		});
	} catch (error) {
		await http.close();
		throw error;
	}

	return {
		url: http.url,
		smtpPort: smtp.port,
		records,
		telegramWebhooks,
		close: async () => {
			await Promise.all([http.close(), smtp.close()]);
		},
	};
}
