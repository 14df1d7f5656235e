/**
 * Meta's Graph API as the send nodes meet it: WhatsApp Cloud API messages and media
 * (`POST /<version>/<phone-number-id>/messages|media`) and the Messenger and Instagram Send
 * API (`POST /<version>/<page-or-ig-id>/messages`), with their documented answers; GET on
 * `/<version>/me` and `/<version>/<id>` for the credential tests. Every call needs a bearer
 * token (one of `tokens`, when given), as Meta's do.
 */
import type { RecordedRequest } from '../local-server';
import { providerFixture } from './fixtures';
import { bearerToken, sequenceId, type Handled, type Route } from './types';

const EDGE = /^\/(v\d+(?:\.\d+)?)\/([^/]+)(?:\/(messages|media))?$/;

type Json = Record<string, unknown>;

function invalidToken(api: Handled['api']): Handled {
	return { api, answer: { status: 401, body: providerFixture('meta-send/instagram/error-token-invalid.json') } };
}

function badRequest(api: Handled['api'], message: string): Handled {
	return { api, answer: { status: 400, body: { error: { message, type: 'OAuthException', code: 100, fbtrace_id: 'StandInBadRequest' } } } };
}

function whatsAppMessage(json: Json, seq: number): Handled {
	const api = 'whatsapp-cloud';
	if (json.status === 'read') return { api, body: json, answer: { status: 200, body: providerFixture('whatsapp-cloud-outbound/mark-read-success.json') } };
	const to = typeof json.to === 'string' ? json.to : '';
	if (!to || typeof json.type !== 'string') return badRequest(api, '(#100) The parameter to and type are required');
	const content = json[json.type] as Json | undefined;
	const text = typeof content?.body === 'string' ? content.body : typeof content?.caption === 'string' ? content.caption : `[${json.type}]`;
	const success = providerFixture<Json>('whatsapp-cloud-outbound/send-success.json');
	const body = { ...success, contacts: [{ input: to, wa_id: to.replace(/\D/g, '') }], messages: [{ id: `wamid.STANDIN${sequenceId(seq, 12)}` }] };
	return { api, body: json, answer: { status: 200, body }, send: { to, text } };
}

function metaSend(json: Json, seq: number): Handled {
	const api = 'meta-send';
	const recipient = (json.recipient as Json | undefined)?.id;
	if (typeof recipient !== 'string' || !recipient) return badRequest(api, '(#100) The parameter recipient is required');
	if (!json.message && !json.sender_action) return badRequest(api, '(#100) Must send either message or sender_action');
	const message = json.message as Json | undefined;
	const text = typeof message?.text === 'string' ? message.text : json.sender_action ? `[${String(json.sender_action)}]` : '[attachment]';
	const body = json.sender_action ? { recipient_id: recipient } : { recipient_id: recipient, message_id: `m_STANDIN${sequenceId(seq, 12)}` };
	return { api, body: json, answer: { status: 200, body }, send: { to: recipient, text } };
}

/** The Graph API route; `tokens` lists the access tokens it accepts (any when omitted). */
export function graphApiRoute(tokens?: string[]): Route {
	return (request: RecordedRequest, seq: number) => {
		const match = EDGE.exec(request.path);
		if (!match) return undefined;
		const [, , node, edge] = match;
		const json = (request.json ?? {}) as Json;
		const api = edge === 'media' || json.messaging_product === 'whatsapp' || (!edge && node !== 'me') ? 'whatsapp-cloud' : 'meta-send';
		const token = bearerToken(request);
		if (!token || (tokens && !tokens.includes(token))) return invalidToken(api);
		if (request.method === 'GET' && !edge) {
			const body = node === 'me' ? { id: '105000000000001', name: 'Acme Support (stand-in)' } : { id: node, display_phone_number: '+1 555-000-1111', verified_name: 'Acme Support', quality_rating: 'GREEN' };
			return { api: node === 'me' ? 'meta-send' : 'whatsapp-cloud', answer: { status: 200, body } };
		}
		if (request.method !== 'POST' || !edge) return undefined;
		if (edge === 'media') return { api, body: { bytes: request.rawBody.length }, answer: { status: 200, body: { id: `${9000000000000000 + seq}` } } };
		return json.messaging_product === 'whatsapp' ? whatsAppMessage(json, seq) : metaSend(json, seq);
	};
}
