import type { HttpResponse } from '../../http/http-client';
import { ProviderError } from '../provider-error';
import { asText, isRecord } from '../shared/json-body';

const PROVIDER = 'Evolution API';

/**
 * Evolution API v2 answers every error as `{status, error, response: {message}}`, where
 * `message` is a string or a list of what went wrong: texts, or for a number that is not
 * on WhatsApp the number check itself (`{jid, exists: false, number}`).
 */
function messages(body: unknown): unknown[] {
	if (!isRecord(body)) return typeof body === 'string' && body.trim() ? [body.trim()] : [];
	const inner = isRecord(body.response) ? body.response.message : body.message;
	if (Array.isArray(inner)) return inner.flat();
	return inner === undefined || inner === null ? [] : [inner];
}

function texts(list: unknown[]): string[] {
	return list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).filter((item) => item.length > 0);
}

/** Baileys' "Connection Closed" (and its kin) means our WhatsApp number is not connected. */
const DISCONNECTED = /connection (closed|failure|lost)|not connected|disconnected|socket (closed|is closed)/i;

/** Whether an answer says the instance is disconnected: waiting will not fix it, so it is not retried. */
function isDisconnectedAnswer(response: HttpResponse): boolean {
	return texts(messages(response.body)).some((text) => DISCONNECTED.test(text));
}

/** 429 and 5xx are worth another try, except a disconnected instance, which needs a person. */
export function isRetryableEvolutionAnswer(response: HttpResponse): boolean {
	return (response.status === 429 || response.status >= 500) && !isDisconnectedAnswer(response);
}

/** Turns Evolution's refusal into an error that names the cause and what to do, without the API key. */
export function evolutionSendError(response: HttpResponse, instance: string): ProviderError {
	const { status } = response;
	const list = messages(response.body);
	const detail = texts(list).join('; ');
	const body = response.body;
	const fail = (code: string, message: string, hint: string) => new ProviderError(PROVIDER, message, { status, code, hint, body });

	const notOnWhatsApp = list.find((item) => isRecord(item) && item.exists === false);
	if (isRecord(notOnWhatsApp)) {
		const number = asText(notOnWhatsApp.number) ?? asText(notOnWhatsApp.jid) ?? 'the recipient';
		return fail(
			'NOT_ON_WHATSAPP',
			`The number ${number} is not on WhatsApp`,
			'Check the number (country code, area code, no missing digits). If it is right, the person does not use WhatsApp with it: reach them on another channel.',
		);
	}
	if (isDisconnectedAnswer(response)) {
		return fail(
			'INSTANCE_DISCONNECTED',
			`The WhatsApp number of instance "${instance}" is not connected`,
			`Open the Evolution API manager, connect instance "${instance}" again (scan the QR code with the phone) and run this again.`,
		);
	}
	if (status === 401) {
		return fail(
			'UNAUTHORIZED',
			'Evolution API refused the API key',
			`Check the API Key in the Evolution API credential: it must be the server's global API key or the token of instance "${instance}".`,
		);
	}
	if (status === 403) {
		return fail('FORBIDDEN', `Evolution API refused the request${detail ? `: ${detail}` : ''}`, 'Check that the API Key in the credential is allowed to use this instance.');
	}
	if (status === 404 && /instance does not exist/i.test(detail)) {
		return fail(
			'INSTANCE_NOT_FOUND',
			`Evolution API has no instance named "${instance}"`,
			'Check the Instance Name in the Evolution API credential (or the node\'s override): it must match the name in the Evolution manager exactly, capitals included.',
		);
	}
	if (status === 404) {
		return fail(
			'NOT_FOUND',
			`Evolution API does not know this address${detail ? `: ${detail}` : ''}`,
			'Check the Base URL in the Evolution API credential: it must point at an Evolution API v2 server (e.g. https://evolution.example.com), without a path.',
		);
	}
	if (status === 429) {
		return fail('RATE_LIMITED', 'Evolution API is limiting how fast messages are sent', 'Too many messages in a short time: send fewer at once or add a pause between them, then try again.');
	}
	if (status >= 500) {
		return fail(
			'SERVER_ERROR',
			`The Evolution API server failed${detail ? `: ${detail}` : ''}`,
			'The Evolution server had a problem and retries did not help. Try again later; if it goes on, check the Evolution server\'s logs.',
		);
	}
	return fail(
		'BAD_REQUEST',
		`Evolution API refused the message${detail ? `: ${detail}` : ''}`,
		'Check the fields of this node (recipient, text, media URL or file, buttons) against what Evolution API said.',
	);
}
