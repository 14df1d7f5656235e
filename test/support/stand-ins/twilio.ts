/**
 * Twilio's Messages API: `POST /2010-04-01/Accounts/<AccountSid>/Messages.json` (form
 * fields To, From or MessagingServiceSid, Body, MediaUrl…) answered 201 with the Message
 * resource, `GET …/Messages/<Sid>.json`, and `GET …/Accounts/<AccountSid>.json` for the
 * credential test. HTTP Basic authentication with the Account SID (or an API key), as Twilio's.
 */
import type { RecordedRequest } from '../local-server';
import { providerFixture } from './fixtures';
import { basicAuth, sequenceId, type Handled, type Route } from './types';

const ACCOUNT = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})(\.json|\/Messages\.json|\/Messages\/([A-Z]{2}[0-9a-f]{32})\.json)$/i;

type Json = Record<string, unknown>;

function twilioError(status: number, file: string): Handled['answer'] {
	return { status, body: providerFixture(`twilio/api/${file}`) };
}

/** The Twilio route; `authTokens` maps Account SIDs to the auth token they accept (any login when omitted). */
export function twilioRoute(authTokens?: Record<string, string>): Route {
	const messages = new Map<string, Json>();
	return (request: RecordedRequest, seq: number) => {
		const match = ACCOUNT.exec(request.path);
		if (!match) return undefined;
		const [, accountSid, resource, messageSid] = match;
		const login = basicAuth(request);
		const expected = authTokens?.[accountSid];
		if (!login || (authTokens && (login.user !== accountSid || login.password !== expected) && !login.user.startsWith('SK'))) {
			return { api: 'twilio', answer: twilioError(401, 'error-20003.json') };
		}
		if (request.method === 'GET' && resource === '.json') {
			return { api: 'twilio', answer: { status: 200, body: { ...providerFixture<Json>('twilio/api/account.json'), sid: accountSid, owner_account_sid: accountSid, uri: `/2010-04-01/Accounts/${accountSid}.json` } } };
		}
		if (request.method === 'GET' && messageSid) {
			const message = messages.get(messageSid);
			return { api: 'twilio', answer: message ? { status: 200, body: message } : twilioError(404, 'error-20404.json') };
		}
		if (request.method !== 'POST' || resource !== '/Messages.json') return undefined;
		const form = Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8')));
		const media = new URLSearchParams(request.rawBody.toString('utf8')).getAll('MediaUrl');
		if (!form.To) return { api: 'twilio', body: form, answer: { status: 400, body: { code: 21604, message: "A 'To' phone number is required.", more_info: 'https://www.twilio.com/docs/errors/21604', status: 400 } } };
		if (!form.From && !form.MessagingServiceSid) return { api: 'twilio', body: form, answer: { status: 400, body: { code: 21603, message: "A 'From' phone number is required.", more_info: 'https://www.twilio.com/docs/errors/21603', status: 400 } } };
		const sid = `${media.length ? 'MM' : 'SM'}${sequenceId(seq, 32)}`;
		const now = new Date().toUTCString().replace('GMT', '+0000');
		const message: Json = {
			...providerFixture<Json>('twilio/api/message-queued.json'),
			account_sid: accountSid,
			sid,
			to: form.To,
			from: form.From ?? null,
			messaging_service_sid: form.MessagingServiceSid ?? null,
			body: form.Body ?? '',
			num_media: String(media.length),
			status: form.MessagingServiceSid ? 'accepted' : 'queued',
			date_created: now,
			date_updated: now,
			uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
			subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
		};
		messages.set(sid, message);
		return { api: 'twilio', body: form, answer: { status: 201, body: message }, send: { to: form.To, from: form.From, text: form.Body ?? `[${media.length} media]` } };
	};
}
