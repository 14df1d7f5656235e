import { createHmac, timingSafeEqual } from 'node:crypto';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../model';

/**
 * One-click unsubscribe links (RFC 8058). The token names the customer by id (never by address)
 * and the purpose, signed with an HMAC so that nobody can unsubscribe someone else by editing
 * a link. Links don't expire: an unsubscribe link must keep working as long as the e-mail exists.
 */

/** What a mail program POSTs to unsubscribe in one click (RFC 8058, section 3.1). */
export const ONE_CLICK_BODY = 'List-Unsubscribe=One-Click';

/** Shorter secrets are guessable offline from one link. */
export const MIN_SECRET_LENGTH = 16;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(secret: string, customerId: string, purpose: ConsentPurpose): Buffer {
	return createHmac('sha256', secret).update(`unsubscribe/1\n${customerId}\n${purpose}`).digest();
}

function checkSecret(secret: string): void {
	if (secret.length < MIN_SECRET_LENGTH) throw new Error(`The unsubscribe link secret is too short: use at least ${MIN_SECRET_LENGTH} characters (a random one, e.g. from a password generator)`);
}

/** The token of a customer's unsubscribe link for a purpose: `<customer id>.<purpose>.<signature>`. */
export function unsubscribeToken(secret: string, customerId: string, purpose: ConsentPurpose = 'marketing'): string {
	checkSecret(secret);
	const id = customerId.trim().toLowerCase();
	if (!UUID.test(id)) throw new Error(`"${customerId}" is not a customer ID: the unsubscribe link needs the customer's ID from Customer Merge`);
	return `${id}.${purpose}.${signature(secret, id, purpose).toString('base64url')}`;
}

/** The customer and purpose of a token, when its signature holds; undefined for anything else. */
export function readUnsubscribeToken(secret: string, token: string): { customerId: string; purpose: ConsentPurpose } | undefined {
	checkSecret(secret);
	const [customerId, purpose, mac, ...rest] = token.trim().split('.');
	if (rest.length || !UUID.test(customerId ?? '') || !CONSENT_PURPOSES.includes(purpose as ConsentPurpose) || !mac) return undefined;
	const expected = signature(secret, customerId, purpose as ConsentPurpose);
	const given = Buffer.from(mac, 'base64url');
	return given.length === expected.length && timingSafeEqual(given, expected) ? { customerId, purpose: purpose as ConsentPurpose } : undefined;
}

/** The link: the Unsubscribe Trigger's URL with the token as its `token` query parameter. */
export function unsubscribeUrl(base: string, token: string): string {
	const url = new URL(base.trim());
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${base}" is not a web address: give the Production URL of the Omnichannel Unsubscribe Trigger`);
	url.searchParams.set('token', token);
	return url.toString();
}

/** The two headers of a one-click unsubscribe (RFC 8058, section 3.1). */
export function oneClickUnsubscribeHeaders(url: string): Record<'List-Unsubscribe' | 'List-Unsubscribe-Post', string> {
	return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': ONE_CLICK_BODY };
}
