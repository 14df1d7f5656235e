import { createHmac } from 'node:crypto';
import type { VerifyInput, VerifyResult } from '../types';
import { constantTimeEqual } from '../shared/constant-time-equal';
import { parseFormBody, type FormPair } from '../shared/form-body';

/** The header that carries Twilio's request signature. */
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

/** Twilio's signature: base64 HMAC-SHA1 of the URL followed by every POST parameter name and value, sorted by name. */
export function twilioSignature(authToken: string, url: string, pairs: FormPair[]): string {
	const sorted = [...pairs].sort(([nameA, valueA], [nameB, valueB]) =>
		nameA === nameB ? (valueA < valueB ? -1 : valueA > valueB ? 1 : 0) : nameA < nameB ? -1 : 1,
	);
	const data = url + sorted.map(([name, value]) => name + value).join('');
	return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * The spellings of the URL Twilio may have signed: as given, and with the default port
 * (443 for https, 80 for http) added or removed, since proxies and Twilio disagree on it.
 */
export function twilioUrlVariants(url: string): string[] {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return [url];
	}
	const defaultPort = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : undefined;
	if (!defaultPort) return [url];
	const authority = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url);
	if (!authority) return [url];
	const [, scheme, host, rest] = authority;
	const withoutPort = host.replace(new RegExp(`:${defaultPort}$`), '');
	const withPort = `${withoutPort}:${defaultPort}`;
	const explicitOtherPort = /:\d+$/.test(withoutPort);
	if (explicitOtherPort) return [url];
	return [...new Set([url, scheme + withoutPort + rest, scheme + withPort + rest])];
}

/**
 * Checks X-Twilio-Signature against the auth token. Twilio signs the full public URL it
 * called, so `url` is required: behind a proxy it is the URL configured in the Twilio
 * console, not the one the server sees.
 */
export function verifyTwilioSignature(input: VerifyInput): VerifyResult {
	if (!input.secret) return { valid: false, reason: 'Twilio: no auth token is configured to check the signature with' };
	if (!input.url) {
		return { valid: false, reason: 'Twilio: the webhook URL is required, because Twilio signs the full URL it called (with its query string)' };
	}
	if (!input.signature) return { valid: false, reason: 'Twilio: the X-Twilio-Signature header is missing' };
	const { pairs } = parseFormBody(input.body);
	for (const url of twilioUrlVariants(input.url)) {
		if (constantTimeEqual(input.signature.trim(), twilioSignature(input.secret, url, pairs))) return { valid: true };
	}
	return {
		valid: false,
		reason: 'Twilio: the X-Twilio-Signature does not match: check the auth token and that the URL is exactly the one set in Twilio',
	};
}
