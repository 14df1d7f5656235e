/**
 * Evolution API v2's send endpoints (`POST /message/sendText|sendMedia|sendButtons/<instance>`,
 * header `apikey`), answered 201 with the sent message's key as Evolution documents it, and
 * `GET /instance/connectionState/<instance>` for the credential test.
 */
import type { RecordedRequest } from '../local-server';
import { providerFixture } from './fixtures';
import { sequenceId, type Route } from './types';

const SEND = /^\/message\/(sendText|sendMedia|sendButtons)\/([^/]+)$/;
const STATE = /^\/instance\/connectionState\/([^/]+)$/;

const RESPONSES: Record<string, string> = { sendText: 'send-text-response.json', sendMedia: 'send-media-response.json', sendButtons: 'send-buttons-response.json' };

/** The Evolution route; `apiKeys` lists the keys it accepts (any when omitted). */
export function evolutionRoute(apiKeys?: string[]): Route {
	return (request: RecordedRequest, seq: number) => {
		const send = SEND.exec(request.path);
		const state = STATE.exec(request.path);
		if (!send && !state) return undefined;
		const key = request.headers.apikey;
		if (typeof key !== 'string' || !key || (apiKeys && !apiKeys.includes(key))) return { api: 'evolution', answer: { status: 401, body: providerFixture('evolution/error-unauthorized.json') } };
		if (state) return { api: 'evolution', answer: { status: 200, body: { instance: { instanceName: decodeURIComponent(state[1]), state: 'open' } } } };
		if (request.method !== 'POST' || !send) return undefined;
		const json = (request.json ?? {}) as Record<string, unknown>;
		const number = String(json.number ?? '').replace(/\D/g, '');
		if (!number) return { api: 'evolution', body: json, answer: { status: 400, body: providerFixture('evolution/error-bad-request.json') } };
		const fixture = providerFixture<Record<string, unknown>>(`evolution/${RESPONSES[send[1]]}`);
		const text = typeof json.text === 'string' ? json.text : typeof json.caption === 'string' ? json.caption : `[${send[1].slice(4).toLowerCase()}]`;
		const body = {
			...fixture,
			key: { remoteJid: `${number}@s.whatsapp.net`, fromMe: true, id: `3EB0${sequenceId(seq, 16).toUpperCase()}` },
			...(send[1] === 'sendText' ? { message: { conversation: text } } : {}),
			messageTimestamp: Math.floor(Date.now() / 1000),
		};
		return { api: 'evolution', body: json, answer: { status: 201, body }, send: { to: number, text } };
	};
}
