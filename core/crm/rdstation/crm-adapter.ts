import type { HttpClient } from '../../http/http-client';
import { upsertInTurn } from '../upsert-in-turn';
import type { RetryPolicy } from '../../http/retry';
import { CrmError, type CrmActivity, type CrmActivityResult, type CrmAdapter, type CrmContact, type CrmCustomer, type CrmProperty, type CrmUpsert, type CrmUpsertResult } from '../types';
import { parseRdStationContactId } from './contact-id';
import { CRM_CUSTOM_FIELD_PREFIX, CRM_STANDARD_PROPERTIES, crmContactBody, crmContactEmails, crmContactPhones, readCrmContact } from './crm-contact';
import { findOpenDeal } from './crm-open-deal';
import { crmPhoneSearchForms } from './crm-phone-forms';
import { asRecord, asString, callRdStation, rdStationBaseUrl, type RdStationCaller } from './request';

export const RD_STATION_CRM_BASE_URL = 'https://crm.rdstation.com';

export interface RdStationCrmConfig {
	/** Default https://crm.rdstation.com; the API is under /api/v1. */
	baseUrl?: string;
	/** The country of phones stored without a country code; RD Station CRM is used mostly in Brazil. */
	defaultCountry?: string;
	retry?: RetryPolicy;
}

/** Activities on a deal are plain text; a transcript longer than this is cut (the limit is not documented). */
const MAX_ACTIVITY_TEXT = 10_000;

const contactsOf = (body: unknown): unknown[] => (Array.isArray(body) ? body : Array.isArray(asRecord(body).contacts) ? (asRecord(body).contacts as unknown[]) : []);

/**
 * RD Station CRM (API v1, https://crm.rdstation.com/api/v1). The token travels as the `token`
 * query parameter, added by the HttpClient (inside n8n, by the credential). Activities live on
 * deals, not contacts, and the API cannot delete a contact: both are said in plain words.
 */
export class RdStationCrmAdapter implements CrmAdapter {
	readonly crm = 'rdstation' as const;

	private readonly caller: RdStationCaller;
	private readonly apiUrl: string;
	private readonly defaultCountry: string;

	constructor(client: HttpClient, config: RdStationCrmConfig = {}) {
		this.caller = { client, product: 'crm', retry: config.retry };
		this.apiUrl = `${rdStationBaseUrl(config.baseUrl, RD_STATION_CRM_BASE_URL)}/api/v1`;
		this.defaultCountry = config.defaultCountry?.trim().toUpperCase() || 'BR';
	}

	async findContacts(customer: CrmCustomer): Promise<CrmContact[]> {
		if (customer.crmId) {
			const raw = await this.readContact(parseRdStationContactId('crm', customer.crmId));
			return raw ? [readCrmContact(raw, this.defaultCountry)] : [];
		}
		const found = new Map<string, CrmContact>();
		const add = (raws: unknown[]) => {
			for (const raw of raws) {
				const contact = readCrmContact(raw, this.defaultCountry);
				if (!found.has(contact.id)) found.set(contact.id, contact);
			}
		};
		for (const email of customer.emails) {
			const raws = await this.listContacts({ email }, 'find contacts by e-mail');
			// The filter's matching is not documented: keep only contacts that really have the address.
			add(raws.filter((raw) => crmContactEmails(raw).includes(email)));
		}
		for (const phone of customer.phones) {
			for (const form of crmPhoneSearchForms(phone)) {
				const raws = (await this.listContacts({ phone: form }, 'find contacts by phone')).filter((raw) => crmContactPhones(raw, this.defaultCountry).includes(phone));
				add(raws);
				if (raws.length > 0) break;
			}
		}
		return [...found.values()];
	}

	async upsertContacts(inputs: CrmUpsert[]): Promise<CrmUpsertResult[]> {
		// RD Station CRM has no batch endpoint: one find and one write per contact.
		return await upsertInTurn(inputs, (input) => this.upsertOne(input));
	}

	async logActivity(activity: CrmActivity): Promise<CrmActivityResult> {
		const id = parseRdStationContactId('crm', activity.contactId);
		const contact = await this.readContact(id);
		if (!contact) {
			throw new CrmError('rdstation', `RD Station CRM has no contact ${activity.contactId}: it was deleted or merged. Find the contact again before logging.`, { status: 404, code: 'CONTACT_NOT_FOUND' });
		}
		const deal = await findOpenDeal(this.caller, this.apiUrl, contact, id);
		if (!deal) {
			const who = asString(contact.name) ?? activity.contactId;
			throw new CrmError(
				'rdstation',
				`RD Station CRM logs activities on deals: ${who} has no open deal. Create a deal for the contact in RD Station CRM (or reopen one), or log to RD Station Marketing instead.`,
				{ code: 'NO_OPEN_DEAL', hint: 'Won and lost deals are closed; the activity goes on the contact\'s most recently changed open deal.' },
			);
		}
		const text = `${activity.subject}\n${activity.body}`.slice(0, MAX_ACTIVITY_TEXT);
		// deal_id and text as the fixtures show; user_id (the deal's owner) only when the deal names one.
		const body = { activity: { deal_id: deal.id, ...(deal.userId ? { user_id: deal.userId } : {}), text } };
		const response = await callRdStation(this.caller, { method: 'POST', url: `${this.apiUrl}/activities`, json: body }, `add the activity to the deal of ${asString(contact.name) ?? 'the contact'}`);
		const record = asRecord(response.body);
		return { id: asString(record.id) ?? asString(record._id) ?? '', objectType: 'activity' };
	}

	async eraseContact(contactId: string): Promise<{ erased: boolean }> {
		const id = parseRdStationContactId('crm', contactId);
		const contact = await this.readContact(id);
		if (!contact) return { erased: false };
		// API v1 documents no contact deletion; calling an invented endpoint could do anything.
		throw new CrmError(
			'rdstation',
			`RD Station CRM's API cannot delete contacts, so ${asString(contact.name) ?? contactId} was not erased there. Delete the contact in RD Station CRM itself (Contatos > the contact > Excluir), or ask RD Station's support to erase it.`,
			{ code: 'ERASE_NOT_SUPPORTED', hint: 'The customer can still be forgotten in the Omnichannel store; record that the CRM copy is deleted by hand.' },
		);
	}

	async listProperties(): Promise<CrmProperty[]> {
		const response = await callRdStation(this.caller, { method: 'GET', url: `${this.apiUrl}/custom_fields`, query: { for: 'contact' } }, 'list the contact custom fields');
		const body = response.body;
		const fields = Array.isArray(body) ? body : Array.isArray(asRecord(body).custom_fields) ? (asRecord(body).custom_fields as unknown[]) : [];
		const custom = fields
			.map(asRecord)
			.filter((field) => (asString(field.for) ?? 'contact') === 'contact')
			.map((field): CrmProperty | undefined => {
				const id = asString(field.id) ?? asString(field._id);
				if (!id) return undefined;
				return { name: `${CRM_CUSTOM_FIELD_PREFIX}${id}`, label: asString(field.label) ?? id, type: asString(field.type) ?? 'text', writable: true };
			})
			.filter((field): field is CrmProperty => field !== undefined);
		return [...CRM_STANDARD_PROPERTIES, ...custom];
	}

	private async upsertOne({ customer, properties }: CrmUpsert): Promise<CrmUpsertResult> {
		if (!customer.crmId && !customer.name?.trim() && customer.emails.length === 0 && customer.phones.length === 0 && !asString(properties.name)) {
			throw new CrmError('rdstation', 'RD Station CRM needs a name, an e-mail or a phone to create a contact, and this customer has none.', { code: 'NOTHING_TO_WRITE' });
		}
		const [existing] = await this.findContacts(customer);
		if (customer.crmId && !existing) {
			throw new CrmError('rdstation', `RD Station CRM has no contact ${customer.crmId} any more (deleted or merged): remove that id from the customer, or upsert without it to create the contact again.`, {
				status: 404,
				code: 'CONTACT_NOT_FOUND',
			});
		}
		if (existing) {
			const id = parseRdStationContactId('crm', existing.id);
			const body = crmContactBody(customer, properties, this.defaultCountry, existing.properties);
			const response = await callRdStation(this.caller, { method: 'PUT', url: `${this.apiUrl}/contacts/${encodeURIComponent(id)}`, json: body }, `update the contact ${existing.name ?? existing.id}`);
			const answered = asRecord(response.body);
			// An answer without the contact still means it was updated: merge what was sent over what was there.
			const raw = Object.keys(answered).length > 0 ? answered : { ...existing.properties, ...body.contact };
			return { ok: true, contact: readCrmContact(raw, this.defaultCountry, id), created: false };
		}
		const body = crmContactBody(customer, properties, this.defaultCountry);
		const response = await callRdStation(this.caller, { method: 'POST', url: `${this.apiUrl}/contacts`, json: body }, `create the contact ${asString(body.contact.name) ?? ''}`.trim());
		const contact = readCrmContact(response.body, this.defaultCountry);
		if (contact.id === 'crm:') throw new CrmError('rdstation', 'RD Station CRM created the contact but did not answer its id.', { status: response.status, code: 'NO_ID', body: response.body });
		return { ok: true, contact, created: true };
	}

	/** GET /contacts/{id}, or undefined when RD Station CRM has no such contact. */
	private async readContact(id: string): Promise<Record<string, unknown> | undefined> {
		const response = await callRdStation(this.caller, { method: 'GET', url: `${this.apiUrl}/contacts/${encodeURIComponent(id)}` }, 'read the contact', [404]);
		return response.status === 404 ? undefined : asRecord(response.body);
	}

	private async listContacts(filter: Record<string, string>, action: string): Promise<unknown[]> {
		const response = await callRdStation(this.caller, { method: 'GET', url: `${this.apiUrl}/contacts`, query: filter }, action);
		return contactsOf(response.body);
	}
}
