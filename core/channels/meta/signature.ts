import { createHmac, timingSafeEqual } from 'crypto';
import type { VerifyInput, VerifyResult } from '../types';

/**
 * How Meta (WhatsApp Cloud API, Messenger, Instagram) proves that a webhook comes from
 * your app, and how it checks that the webhook URL is yours:
 * - every POST carries `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed
 *   with the App Secret>`. It must be computed over the bytes exactly as received: Meta
 *   escapes non-ASCII characters (`\u00e3`), so re-serialized JSON never matches.
 * - when the webhook is set up, Meta sends a GET with `hub.mode=subscribe`,
 *   `hub.verify_token` (the token you typed in the App Dashboard) and `hub.challenge`,
 *   and expects the challenge back with status 200.
 */

/** The request header that carries Meta's signature, lower-cased. */
export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

const SIGNATURE_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/** Checks `X-Hub-Signature-256` against the raw body and the App Secret, in constant time. */
export function verifyMetaSignature(input: VerifyInput): VerifyResult {
	if (!input.secret) {
		return { valid: false, reason: 'no App Secret configured: copy it from the Meta App Dashboard (App settings > Basic > App Secret)' };
	}
	const header = input.signature?.trim();
	if (!header) {
		return { valid: false, reason: 'missing signature: the request has no X-Hub-Signature-256 header (is it really from Meta?)' };
	}
	if (/^sha1=/i.test(header)) {
		return { valid: false, reason: 'unsupported signature: got the legacy SHA-1 X-Hub-Signature value, expected X-Hub-Signature-256 ("sha256=...")' };
	}
	const match = SIGNATURE_PATTERN.exec(header);
	if (!match) {
		return { valid: false, reason: 'malformed signature: expected "sha256=" followed by 64 hexadecimal characters' };
	}
	const body = Buffer.isBuffer(input.body) ? input.body : Buffer.from(String(input.body), 'utf8');
	const expected = createHmac('sha256', input.secret).update(body).digest();
	const received = Buffer.from(match[1].toLowerCase(), 'hex');
	if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
		return {
			valid: false,
			reason: 'signature does not match: check the App Secret, and that the body is checked exactly as received (not parsed and re-serialized)',
		};
	}
	return { valid: true };
}

/** The query of Meta's GET verification request, as a web framework hands it over. */
export type VerificationQuery = Record<string, unknown>;

export type VerificationAnswer = { status: 200; body: string } | { status: 403; reason: string };

/** A query value as one string: frameworks give arrays for repeated keys and objects for dotted keys. */
function queryValue(query: VerificationQuery, name: 'mode' | 'verify_token' | 'challenge'): string | undefined {
	let value: unknown = query[`hub.${name}`];
	if (value === undefined) {
		const hub = query.hub;
		if (hub && typeof hub === 'object') value = (hub as Record<string, unknown>)[name];
	}
	if (Array.isArray(value)) value = value[0];
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' ? value : undefined;
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Answers Meta's webhook verification GET: status 200 with `hub.challenge` as the body when
 * `hub.mode` is "subscribe" and `hub.verify_token` equals the configured token, 403 otherwise.
 */
export function answerVerificationRequest(query: VerificationQuery, verifyToken: string): VerificationAnswer {
	if (!verifyToken) {
		return { status: 403, reason: 'no verify token configured: set the same token here and in the Meta App Dashboard webhook settings' };
	}
	const mode = queryValue(query, 'mode');
	if (mode === undefined) {
		return { status: 403, reason: 'not a webhook verification request: the hub.mode query parameter is missing' };
	}
	if (mode !== 'subscribe') {
		return { status: 403, reason: `hub.mode is "${mode}", expected "subscribe"` };
	}
	const token = queryValue(query, 'verify_token');
	if (token === undefined) {
		return { status: 403, reason: 'missing hub.verify_token: Meta always sends it, is the request really from Meta?' };
	}
	if (!sameText(token, verifyToken)) {
		return { status: 403, reason: 'verify token does not match: use the same token here and in the Meta App Dashboard webhook settings' };
	}
	const challenge = queryValue(query, 'challenge');
	if (!challenge) {
		return { status: 403, reason: 'missing hub.challenge: there is nothing to answer Meta with' };
	}
	return { status: 200, body: challenge };
}
