import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { HttpClient } from '../../http/http-client';
import { CrmError } from '../types';

/** Where Salesforce signs users in: production orgs, and sandboxes. */
export const SALESFORCE_LOGIN_URLS = { production: 'https://login.salesforce.com', sandbox: 'https://test.salesforce.com' } as const;

/** The fields of n8n's "Salesforce JWT API" credential that the sign-in needs. */
export interface SalesforceJwtCredential {
	environment?: 'production' | 'sandbox' | string;
	/** The Connected App's Consumer Key. */
	clientId: string;
	username: string;
	/** PEM; the certificate of this key is uploaded to the Connected App. */
	privateKey: string;
	/** An org's My Domain address, which newer orgs require as the audience instead of login.salesforce.com. */
	myDomainUrl?: string;
}

export interface SalesforceSession {
	accessToken: string;
	instanceUrl: string;
}

/** The login address the assertion is for and is sent to. */
export function salesforceLoginUrl(credential: SalesforceJwtCredential): string {
	const myDomain = credential.myDomainUrl?.trim().replace(/\/+$/, '');
	if (myDomain) return myDomain;
	return credential.environment === 'sandbox' ? SALESFORCE_LOGIN_URLS.sandbox : SALESFORCE_LOGIN_URLS.production;
}

/** A key pasted into a one-line field loses its line breaks; PEM needs them back. */
function privateKeyOf(pem: string): KeyObject {
	const text = pem.trim().replace(/\\n/g, '\n');
	const match = /^(-----BEGIN [A-Z ]+-----)\s*([\s\S]*?)\s*(-----END [A-Z ]+-----)$/.exec(text);
	const rebuilt = match ? `${match[1]}\n${match[2].replace(/\s+/g, '').replace(/(.{64})/g, '$1\n').trim()}\n${match[3]}\n` : text;
	try {
		return createPrivateKey(rebuilt);
	} catch {
		throw new CrmError('salesforce', 'The private key of the Salesforce JWT credential could not be read', {
			code: 'INVALID_PRIVATE_KEY',
			hint: 'Paste the whole key in PEM format, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----, into the credential.',
		});
	}
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The signed assertion of the OAuth 2.0 JWT bearer flow (RFC 7523): RS256, valid three minutes. */
export function jwtBearerAssertion(credential: SalesforceJwtCredential, audience: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
	const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
	const claims = base64url(JSON.stringify({ iss: credential.clientId.trim(), sub: credential.username.trim(), aud: audience, exp: nowSeconds + 180 }));
	const signature = sign('sha256', Buffer.from(`${header}.${claims}`), privateKeyOf(credential.privateKey));
	return `${header}.${claims}.${base64url(signature)}`;
}

/** What Salesforce's token endpoint says about a refused sign-in, as a thing to fix. */
function signInHint(error: string | undefined, description: string | undefined): string {
	const said = description ?? '';
	if (/approved/i.test(said)) return 'In Salesforce, open the Connected App > Manage > Edit Policies: set "Admin approved users are pre-authorized" and add the user\'s profile or permission set.';
	if (/audience/i.test(said)) return 'Check the Environment Type (Production or Sandbox), or set My Domain URL in the credential if the org requires it.';
	if (error === 'invalid_client_id' || /client/i.test(said)) return 'Check the Client ID: it is the Consumer Key of the Connected App.';
	if (/user/i.test(said)) return 'Check the Username: it is the Salesforce login of the user the workflow acts as.';
	if (/signature|certificate|assertion/i.test(said)) return 'Check that the certificate uploaded to the Connected App belongs to the private key in the credential.';
	return 'Check the Client ID, Username, private key and environment of the Salesforce JWT credential.';
}

/**
 * Signs in with the JWT bearer flow, as n8n's own Salesforce node does with this credential:
 * POST <login>/services/oauth2/token with the signed assertion; the answer holds the session
 * token and the org's instance URL.
 */
export async function exchangeJwtForSession(http: HttpClient, credential: SalesforceJwtCredential, loginUrl = salesforceLoginUrl(credential)): Promise<SalesforceSession> {
	const assertion = jwtBearerAssertion(credential, loginUrl);
	const response = await http.request<unknown>({
		method: 'POST',
		url: `${loginUrl}/services/oauth2/token`,
		form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion },
		headers: { accept: 'application/json' },
	});
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Record<string, string | undefined>;
	if (response.status === 200 && body.access_token && body.instance_url) return { accessToken: body.access_token, instanceUrl: body.instance_url };
	const description = body.error_description ?? (typeof response.body === 'string' ? response.body.slice(0, 200) : undefined);
	throw new CrmError('salesforce', `Salesforce refused the JWT sign-in: ${description ?? body.error ?? `HTTP ${response.status}`}`, {
		status: response.status,
		code: body.error,
		hint: signInHint(body.error, description),
		body: { error: body.error, error_description: body.error_description },
	});
}
