import type { CrmCustomer } from '../../core/crm';
import { HUBSPOT_RETRY_POLICY } from '../../core/crm/hubspot';
import { contactProperties } from '../../core/crm/hubspot/contact-properties';
import type { HttpClient, HttpRequest, HttpResponse } from '../../core/http/http-client';
import { sendWithRetry } from '../../core/http/retry';

/** A request HubSpot still refused after the retries: its status tells a rate limit (429) from the rest. */
export class NaiveSyncFailure extends Error {
	constructor(readonly status: number, what: string) {
		super(`HubSpot answered ${status} to ${what}`);
	}
}

/**
 * What n8n's HubSpot node makes a workflow do for each contact: search the contact by e-mail,
 * then create it or update it, two calls a contact. Sent with the same retries as the adapter
 * (Retry-After honoured), so that the difference measured is the number of calls.
 */
export class NaiveHubSpotSync {
	constructor(
		private readonly http: HttpClient,
		private readonly baseUrl: string,
	) {}

	/** `mapped`: the node's field mapping, as the adapter is given it. */
	async sync(customer: CrmCustomer, mapped: Record<string, unknown>): Promise<'created' | 'updated'> {
		const email = customer.emails[0];
		const found = await this.send<{ results?: Array<{ id: string }> }>({ method: 'POST', url: `${this.baseUrl}/crm/v3/objects/contacts/search`, json: { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: email }] }], properties: ['email'], limit: 1 } }, 'the search');
		const properties = { email, ...contactProperties({ customer, properties: mapped }) };
		const id = found.body.results?.[0]?.id;
		if (id) {
			await this.send({ method: 'PATCH', url: `${this.baseUrl}/crm/v3/objects/contacts/${id}`, json: { properties } }, 'the update');
			return 'updated';
		}
		await this.send({ method: 'POST', url: `${this.baseUrl}/crm/v3/objects/contacts`, json: { properties } }, 'the create');
		return 'created';
	}

	private async send<T>(request: HttpRequest, what: string): Promise<HttpResponse<T>> {
		const response = await sendWithRetry<T>(this.http, { ...request, headers: { accept: 'application/json' } }, HUBSPOT_RETRY_POLICY);
		if (response.status < 200 || response.status >= 300) throw new NaiveSyncFailure(response.status, what);
		return response;
	}
}
