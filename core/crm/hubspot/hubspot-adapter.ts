import { CrmError, type CrmActivity, type CrmActivityResult, type CrmAdapter, type CrmContact, type CrmCustomer, type CrmProperty, type CrmUpsert, type CrmUpsertResult } from '../types';
import { CONTACT_PROPERTIES, crmContact, type HubSpotObject } from './contact-record';
import { byRelevance, searchRequests } from './contact-search';
import { batchesOf, createContact, emailOf, idOf, sendBatch, updateInput, upsertInput, type Pending } from './contact-upsert';
import { HubSpotApi, isSuccess, type HubSpotApiConfig } from './hubspot-api';
import { hubspotError } from './hubspot-errors';
import { engagementRequest } from './timeline';

interface HubSpotPropertyDefinition {
	name: string;
	label?: string;
	type?: string;
	calculated?: boolean;
	hidden?: boolean;
	modificationMetadata?: { readOnlyValue?: boolean };
}

/**
 * HubSpot's CRM v3 as a CrmAdapter: contacts found with the search API (or by id), upserted in
 * batches of 100 by e-mail, messages and transcripts logged as communications (WhatsApp, SMS)
 * or notes, contacts erased with GDPR delete.
 */
export class HubSpotAdapter implements CrmAdapter {
	readonly crm = 'hubspot' as const;
	private readonly api: HubSpotApi;

	constructor(config: HubSpotApiConfig) {
		this.api = new HubSpotApi(config);
	}

	async findContacts(customer: CrmCustomer): Promise<CrmContact[]> {
		if (customer.crmId) {
			const known = await this.contactById(customer.crmId);
			if (known) return [known];
		}
		const found: HubSpotObject[] = [];
		for (const request of searchRequests(customer)) {
			const response = await this.api.send<{ results?: HubSpotObject[] }>('POST', '/crm/v3/objects/contacts/search', { json: request });
			if (!isSuccess(response)) throw hubspotError(response, 'the contact search');
			found.push(...(response.body.results ?? []));
		}
		return byRelevance(found, customer).map(crmContact);
	}

	/** The contact with this record id; undefined when there is none (deleted, merged away, archived). */
	private async contactById(id: string): Promise<CrmContact | undefined> {
		if (!/^\d+$/.test(id.trim())) throw new CrmError('hubspot', `"${id}" is not a HubSpot contact ID: a record ID is a number such as 51234567890`);
		const response = await this.api.send<HubSpotObject>('GET', `/crm/v3/objects/contacts/${id.trim()}`, { query: { properties: CONTACT_PROPERTIES.join(',') } });
		if (response.status === 404) return undefined;
		if (!isSuccess(response)) throw hubspotError(response, `the contact ${id}`);
		return crmContact(response.body);
	}

	/**
	 * By e-mail: batch upsert. Without e-mail, by the known record id: batch update. With neither,
	 * the customer's phones are searched first, so that a contact is not created twice; then
	 * update or create.
	 */
	async upsertContacts(inputs: CrmUpsert[]): Promise<CrmUpsertResult[]> {
		const results: CrmUpsertResult[] = new Array(inputs.length);
		const byEmail: Pending[] = [];
		const byId: Pending[] = [];
		const toCreate: Pending[] = [];
		for (const [index, input] of inputs.entries()) {
			const { emails, crmId, phones } = input.customer;
			if (emails.length) byEmail.push({ index, key: emails[0], input });
			else if (crmId) byId.push({ index, key: crmId.trim(), input });
			else if (!phones.length) toCreate.push({ index, key: '', input });
			else {
				try {
					const [existing] = await this.findContacts(input.customer);
					(existing ? byId : toCreate).push({ index, key: existing?.id ?? '', input });
				} catch (error) {
					results[index] = { ok: false, error: error as CrmError };
				}
			}
		}
		for (const batch of batchesOf(byEmail)) await sendBatch(this.api, '/crm/v3/objects/contacts/batch/upsert', batch, upsertInput, emailOf, results);
		for (const batch of batchesOf(byId)) await sendBatch(this.api, '/crm/v3/objects/contacts/batch/update', batch, updateInput, idOf, results);
		for (const entry of toCreate) await createContact(this.api, entry, results);
		return results;
	}

	async logActivity(activity: CrmActivity): Promise<CrmActivityResult> {
		const { path, objectType, json } = engagementRequest(activity);
		const response = await this.api.send<HubSpotObject>('POST', path, { json });
		if (!isSuccess(response)) throw hubspotError(response, `the ${objectType} on contact ${activity.contactId}`);
		return { id: String(response.body.id), objectType };
	}

	/** GDPR delete: the contact and its engagements go, and HubSpot stops tracking its e-mail. */
	async eraseContact(contactId: string): Promise<{ erased: boolean }> {
		const response = await this.api.send('POST', '/crm/v3/objects/contacts/gdpr-delete', { json: { objectId: contactId } });
		if (response.status === 404) return { erased: false };
		if (!isSuccess(response)) throw hubspotError(response, `the erasure of contact ${contactId}`);
		return { erased: true };
	}

	async listProperties(): Promise<CrmProperty[]> {
		const response = await this.api.send<{ results?: HubSpotPropertyDefinition[] }>('GET', '/crm/v3/properties/contacts');
		if (!isSuccess(response)) throw hubspotError(response, 'the list of contact properties');
		return (response.body.results ?? [])
			.filter((property) => !property.hidden)
			.map((property) => ({
				name: property.name,
				label: property.label || property.name,
				type: property.type ?? 'string',
				writable: !property.calculated && !property.modificationMetadata?.readOnlyValue,
			}))
			.sort((a, b) => a.label.localeCompare(b.label));
	}
}
