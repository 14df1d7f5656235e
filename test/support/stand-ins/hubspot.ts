/**
 * HubSpot's CRM v3 contacts API (test/support/hubspot-api.ts) as a route of the provider
 * stand-ins: search, batch upsert and update, communications, notes, GDPR delete and the
 * property definitions, with Bearer tokens (n8n's HubSpot App Token credential).
 */
import type { RecordedRequest } from '../local-server';
import { hubSpotStandIn } from '../hubspot-api';
import type { Route } from './types';

/** The HubSpot route; `tokens` are the private app tokens it accepts (any when omitted). */
export function hubspotRoute(tokens?: string[]): Route {
	const hubspot = hubSpotStandIn(tokens);
	return (request: RecordedRequest) => {
		if (!request.path.startsWith('/crm/v3/')) return undefined;
		return { api: 'hubspot', answer: hubspot.answer(request) };
	};
}
