import { createHash } from 'node:crypto';
import type { HttpClient, HttpRequest } from '../../../core/http/http-client';
import { exchangeJwtForSession, sessionHttpClient, type SalesforceJwtCredential, type SalesforceSession } from '../../../core/crm/salesforce';

/**
 * Sessions signed in with the JWT credential, reused for a while: Salesforce keeps a session for
 * at least 15 minutes, and signing in for every execution would double the calls of short ones.
 */
const sessions = new Map<string, { session: SalesforceSession; signedInAt: number }>();
const REUSE_MS = 10 * 60_000;

/** The same credential, key included, is the same session; the key itself is not kept. */
function sessionKey(credential: SalesforceJwtCredential): string {
	const { environment, clientId, username, privateKey, myDomainUrl } = credential;
	return createHash('sha256').update(JSON.stringify([environment, clientId, username, privateKey, myDomainUrl])).digest('hex');
}

export async function jwtSession(http: HttpClient, credential: SalesforceJwtCredential, renew = false): Promise<SalesforceSession> {
	const key = sessionKey(credential);
	const kept = sessions.get(key);
	if (!renew && kept && Date.now() - kept.signedInAt < REUSE_MS) return kept.session;
	const session = await exchangeJwtForSession(http, credential);
	sessions.set(key, { session, signedInAt: Date.now() });
	return session;
}

/** Sends with the session; when Salesforce says the session ended (401), signs in again once and repeats. */
export function jwtHttpClient(http: HttpClient, credential: SalesforceJwtCredential, session: SalesforceSession): HttpClient {
	let current = session;
	return {
		async request<T>(request: HttpRequest) {
			const response = await sessionHttpClient(http, current.accessToken).request<T>(request);
			if (response.status !== 401) return response;
			current = await jwtSession(http, credential, true);
			return sessionHttpClient(http, current.accessToken).request<T>(request);
		},
	};
}
