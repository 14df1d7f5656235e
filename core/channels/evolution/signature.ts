import { createHmac } from 'node:crypto';
import type { VerifyInput, VerifyResult } from '../types';
import { constantTimeEqual } from '../shared/constant-time-equal';
import { isRecord } from '../shared/json-body';

/** The header that carries Evolution's webhook JWT (`Bearer <jwt>`) when the webhook has a `jwt_key`. */
export const EVOLUTION_AUTHORIZATION_HEADER = 'authorization';

/** Tolerated clock difference between the Evolution server and us, in seconds. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * The longest a webhook token may be valid, from iat to exp, in seconds. Evolution signs each
 * one for 10 minutes; a token that lasts longer was not made for one delivery, and if it leaked
 * it would open the webhook for as long as it says.
 */
const MAX_LIFETIME_SECONDS = 60 * 60;

function decodeSegment(segment: string): unknown {
	try {
		return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
}

const invalid = (reason: string): VerifyResult => ({ valid: false, reason: `Evolution API: ${reason}` });

/**
 * Evolution API signs no body; with `jwt_key` set in the webhook's headers it sends
 * `Authorization: Bearer <JWT>`, an HS256 token signed with that key whose payload is
 * `{iat, exp: iat + 600, app: "evolution", action: "webhook"}`. The token proves the sender
 * knows the key and that the request is recent (a token valid for longer than an hour is
 * refused), not what the body says. `secret` is the
 * jwt_key, `signature` the Authorization header.
 */
export function verifyEvolutionJwt(input: VerifyInput): VerifyResult {
	if (!input.secret) return invalid('no jwt_key is configured to check the Authorization token with');
	if (!input.signature) return invalid('the Authorization header is missing (expected "Bearer <JWT>")');
	const token = /^Bearer\s+(\S+)\s*$/i.exec(input.signature.trim())?.[1];
	if (!token) return invalid('the Authorization header is not "Bearer <JWT>"');
	const parts = token.split('.');
	if (parts.length !== 3) return invalid('the Authorization token is not a JWT');
	const [headerPart, payloadPart, signaturePart] = parts;
	const header = decodeSegment(headerPart);
	if (!isRecord(header) || header.alg !== 'HS256') return invalid('the JWT is not signed with HS256');
	const expected = createHmac('sha256', input.secret).update(`${headerPart}.${payloadPart}`).digest('base64url');
	if (!constantTimeEqual(signaturePart.replace(/=+$/, ''), expected)) return invalid('the JWT signature does not match the jwt_key');
	const payload = decodeSegment(payloadPart);
	if (!isRecord(payload)) return invalid('the JWT payload is not JSON');
	const now = input.now ?? Math.floor(Date.now() / 1000);
	if (typeof payload.exp !== 'number') return invalid('the JWT has no expiry (exp)');
	if (typeof payload.iat !== 'number') return invalid('the JWT has no issue time (iat)');
	if (payload.exp - payload.iat > MAX_LIFETIME_SECONDS) {
		return invalid(`the JWT is valid for ${payload.exp - payload.iat} seconds (iat to exp); an Evolution webhook token lasts 600, and at most ${MAX_LIFETIME_SECONDS} are accepted`);
	}
	if (payload.exp <= now - CLOCK_SKEW_SECONDS) return invalid('the JWT has expired');
	if (payload.iat > now + CLOCK_SKEW_SECONDS) return invalid('the JWT was issued in the future (check the clocks)');
	if (payload.app !== 'evolution' || payload.action !== 'webhook') return invalid('the JWT is not an Evolution webhook token (app "evolution", action "webhook")');
	return { valid: true };
}
