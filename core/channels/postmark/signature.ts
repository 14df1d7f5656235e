import type { VerifyInput, VerifyResult } from '../types';
import { constantTimeEqual } from '../shared/constant-time-equal';

/** The header that carries the Basic credentials Postmark sends when the webhook URL embeds them. */
export const POSTMARK_AUTHORIZATION_HEADER = 'authorization';

/**
 * Postmark does not sign webhooks. The protection it offers is Basic authentication: with
 * a webhook URL such as `https://user:pass@host/path`, each request carries
 * `Authorization: Basic base64(user:pass)`. `secret` is "user:pass", `signature` the
 * Authorization header. A secret embedded in the URL path or query instead is checked by
 * the node, which sees the URL.
 */
export function verifyPostmarkBasicAuth(input: VerifyInput): VerifyResult {
	if (!input.secret || !input.secret.includes(':')) {
		return { valid: false, reason: 'Postmark: the expected credentials must be written "user:password"' };
	}
	// An empty user and password (":") would match "Basic Og==", which anyone can send.
	if (!hasUserAndPassword(input.secret)) {
		return { valid: false, reason: 'Postmark: the expected credentials have an empty user or password; set both, the same as in the webhook URL set in Postmark (https://USER:PASSWORD@host/…)' };
	}
	if (!input.signature) return { valid: false, reason: 'Postmark: the Authorization header is missing; put user:password@ in the webhook URL set in Postmark' };
	const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(input.signature.trim())?.[1];
	if (!encoded) return { valid: false, reason: 'Postmark: the Authorization header is not Basic credentials' };
	const credentials = Buffer.from(encoded, 'base64').toString('utf8');
	if (!hasUserAndPassword(credentials)) return { valid: false, reason: 'Postmark: the Basic credentials have an empty user or password' };
	if (!constantTimeEqual(credentials, input.secret)) return { valid: false, reason: 'Postmark: the Basic credentials do not match' };
	return { valid: true };
}

/** "user:password" with neither empty; the user ends at the first colon (RFC 7617). */
function hasUserAndPassword(credentials: string): boolean {
	const colon = credentials.indexOf(':');
	return colon > 0 && colon < credentials.length - 1;
}
