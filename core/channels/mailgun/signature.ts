import { createHmac } from 'node:crypto';
import type { VerifyInput, VerifyResult } from '../types';
import { constantTimeEqual } from '../shared/constant-time-equal';
import { parseFormBody } from '../shared/form-body';

/** How old a Mailgun signature may be, and how far ahead of our clock, in seconds. */
const MAILGUN_MAX_AGE_SECONDS = 300;
const MAILGUN_MAX_FUTURE_SECONDS = 60;

/** The three fields Mailgun adds to every post to prove it sent it. */
export interface MailgunSignatureFields {
	timestamp?: string;
	token?: string;
	signature?: string;
}

/** Mailgun's signature: hex HMAC-SHA256 of timestamp followed by token, keyed with the HTTP webhook signing key. */
export function mailgunSignature(signingKey: string, timestamp: string, token: string): string {
	return createHmac('sha256', signingKey).update(timestamp + token, 'utf8').digest('hex');
}

/**
 * Checks the signature fields (from a form body or from multipart fields the node parsed)
 * and refuses stale or future timestamps. A reused token is a replay the signature cannot
 * reveal: the node checks tokens against a ReplayCache kept in its static data.
 */
export function verifyMailgunFields(fields: MailgunSignatureFields, signingKey: string, now?: number): VerifyResult {
	if (!signingKey) return { valid: false, reason: 'Mailgun: no HTTP webhook signing key is configured to check the signature with' };
	const { timestamp, token, signature } = fields;
	if (!timestamp || !token || !signature) {
		return { valid: false, reason: 'Mailgun: the body has no timestamp, token or signature field; is this a Mailgun route post?' };
	}
	if (!/^\d+$/.test(timestamp)) return { valid: false, reason: 'Mailgun: the timestamp field is not Unix seconds' };
	const clock = now ?? Math.floor(Date.now() / 1000);
	const age = clock - Number(timestamp);
	if (age > MAILGUN_MAX_AGE_SECONDS) return { valid: false, reason: `Mailgun: the signature is ${age} s old (more than ${MAILGUN_MAX_AGE_SECONDS} s): a stale or replayed request` };
	if (-age > MAILGUN_MAX_FUTURE_SECONDS) return { valid: false, reason: 'Mailgun: the signature timestamp is in the future: check the server clock' };
	if (!constantTimeEqual(signature.trim().toLowerCase(), mailgunSignature(signingKey, timestamp, token))) {
		return { valid: false, reason: 'Mailgun: the signature does not match: check the HTTP webhook signing key' };
	}
	return { valid: true };
}

/** The adapter's verify: Mailgun puts the signature in the form body, so `signature` (a header) is not used. */
export function verifyMailgunSignature(input: VerifyInput): VerifyResult {
	const { fields } = parseFormBody(input.body);
	return verifyMailgunFields(fields, input.secret, input.now);
}
