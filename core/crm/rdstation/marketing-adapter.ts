import type { HttpClient } from '../../http/http-client';
import { upsertInTurn } from '../upsert-in-turn';
import type { RetryPolicy } from '../../http/retry';
import { CrmError, type CrmActivity, type CrmActivityResult, type CrmAdapter, type CrmContact, type CrmCustomer, type CrmProperty, type CrmUpsert, type CrmUpsertResult } from '../types';
import { parseRdStationContactId } from './contact-id';
import { marketingEmailKey, readMarketingContact, readMarketingFields } from './marketing-contact';
import { asRecord, asString, callRdStation, rdStationBaseUrl, type RdStationCaller } from './request';

export const RD_STATION_MARKETING_BASE_URL = 'https://api.rd.services';

export interface RdStationMarketingConfig {
	/** Default https://api.rd.services. */
	baseUrl?: string;
	/**
	 * A text custom field of the account (`cf_…`, see List Properties) that each logged activity's
	 * text is written to, in the conversion event. Without it the event carries no text: RD Station
	 * Marketing's conversion has no free-text field of its own.
	 */
	activityTextField?: string;
	/** The conversion identifier is `<prefix>-<channel>`, e.g. omnichannel-whatsapp; default "omnichannel". */
	conversionPrefix?: string;
	/** The country of phones stored without a country code. */
	defaultCountry?: string;
	retry?: RetryPolicy;
}

/** A custom field's text is cut here: RD Station does not document a limit, and a transcript can be long. */
const MAX_FIELD_TEXT = 2_000;

/**
 * RD Station Marketing (https://api.rd.services, OAuth2 Bearer applied by the HttpClient). Contacts
 * are keyed by e-mail: upsert is PATCH /platform/contacts/email:<address>, a logged activity is a
 * conversion event, and erasure is DELETE /platform/contacts/<uuid>.
 */
export class RdStationMarketingAdapter implements CrmAdapter {
	readonly crm = 'rdstation' as const;

	private readonly caller: RdStationCaller;
	private readonly baseUrl: string;
	private readonly textField?: string;
	private readonly conversionPrefix: string;
	private readonly defaultCountry: string;

	constructor(client: HttpClient, config: RdStationMarketingConfig = {}) {
		this.caller = { client, product: 'marketing', retry: config.retry };
		this.baseUrl = rdStationBaseUrl(config.baseUrl, RD_STATION_MARKETING_BASE_URL);
		const field = config.activityTextField?.trim();
		if (field && !/^cf_[a-z0-9_]+$/i.test(field)) {
			throw new CrmError('rdstation', `"${field}" is not an RD Station Marketing custom field: its API identifier starts with cf_ (Configurações > Campos personalizados).`, { code: 'INVALID_FIELD' });
		}
		this.textField = field || undefined;
		this.conversionPrefix = config.conversionPrefix?.trim() || 'omnichannel';
		this.defaultCountry = config.defaultCountry?.trim().toUpperCase() || 'BR';
	}

	async findContacts(customer: CrmCustomer): Promise<CrmContact[]> {
		if (customer.crmId) {
			const contact = await this.readContact(parseRdStationContactId('marketing', customer.crmId));
			return contact ? [contact] : [];
		}
		const found = new Map<string, CrmContact>();
		for (const email of customer.emails) {
			const contact = await this.readContact(marketingEmailKey(email));
			if (contact && !found.has(contact.id)) found.set(contact.id, contact);
		}
		for (const phone of customer.phones) {
			// The phone identifier is newer than the API; an account that refuses it (400) simply has no match.
			const response = await callRdStation(this.caller, { method: 'GET', url: `${this.baseUrl}/platform/contacts/phone:${encodeURIComponent(phone)}` }, 'find the contact by phone', [400, 404, 422]);
			if (response.status !== 200) continue;
			const contact = readMarketingContact(response.body, this.defaultCountry);
			if (contact.id !== 'marketing:' && !found.has(contact.id)) found.set(contact.id, contact);
		}
		return [...found.values()];
	}

	async upsertContacts(inputs: CrmUpsert[]): Promise<CrmUpsertResult[]> {
		return await upsertInTurn(inputs, (input) => this.upsertOne(input));
	}

	async logActivity(activity: CrmActivity): Promise<CrmActivityResult> {
		const contact = await this.readContact(parseRdStationContactId('marketing', activity.contactId));
		if (!contact) {
			throw new CrmError('rdstation', `RD Station Marketing has no contact ${activity.contactId}: it was deleted or merged. Find the contact again before logging.`, { status: 404, code: 'CONTACT_NOT_FOUND' });
		}
		const email = contact.emails[0];
		if (!email) {
			throw new CrmError('rdstation', `RD Station Marketing records conversions by e-mail, and ${contact.name ?? activity.contactId} has none. Add an e-mail to the contact.`, { code: 'EMAIL_REQUIRED' });
		}
		const payload: Record<string, unknown> = { conversion_identifier: `${this.conversionPrefix}-${activity.channel}`, email };
		if (contact.name) payload.name = contact.name;
		if (this.textField) payload[this.textField] = `${activity.subject}\n${activity.body}`.slice(0, MAX_FIELD_TEXT);
		const response = await callRdStation(
			this.caller,
			{ method: 'POST', url: `${this.baseUrl}/platform/events`, json: { event_type: 'CONVERSION', event_family: 'CDP', payload } },
			`record the conversion of ${contact.name ?? email}`,
		);
		return { id: asString(asRecord(response.body).event_uuid) ?? '', objectType: 'conversion' };
	}

	async eraseContact(contactId: string): Promise<{ erased: boolean }> {
		const uuid = parseRdStationContactId('marketing', contactId);
		const response = await callRdStation(this.caller, { method: 'DELETE', url: `${this.baseUrl}/platform/contacts/${uuid}` }, 'delete the contact', [404]);
		return { erased: response.status !== 404 };
	}

	async listProperties(): Promise<CrmProperty[]> {
		const response = await callRdStation(this.caller, { method: 'GET', url: `${this.baseUrl}/platform/contacts/fields` }, 'list the contact fields');
		return readMarketingFields(response.body);
	}

	private async upsertOne({ customer, properties }: CrmUpsert): Promise<CrmUpsertResult> {
		const email = customer.emails[0];
		if (!email) {
			const who = customer.name ?? customer.phones[0] ?? customer.id ?? 'This customer';
			throw new CrmError('rdstation', `RD Station Marketing keys contacts by e-mail, and ${who} has none: the contact was not created or updated. Add an e-mail to the customer, or use RD Station CRM.`, {
				code: 'EMAIL_REQUIRED',
			});
		}
		if ('email' in properties) {
			throw new CrmError('rdstation', "RD Station Marketing refused the field mapping: 'email' is the contact's key and comes from the customer. Remove it from the field mapping.", { code: 'INVALID_FIELD' });
		}
		const existing = await this.readContact(marketingEmailKey(email));
		const body: Record<string, unknown> = {};
		if (customer.name?.trim()) body.name = customer.name.trim();
		// Never overwrite a mobile phone RD Station already holds: the customer may have several.
		const storedMobile = existing ? asString(existing.properties.mobile_phone) : undefined;
		if (customer.phones[0] && !storedMobile) body.mobile_phone = customer.phones[0];
		Object.assign(body, properties);
		const response = await callRdStation(this.caller, { method: 'PATCH', url: `${this.baseUrl}/platform/contacts/${marketingEmailKey(email)}`, json: body }, `save the contact ${email}`);
		const contact = readMarketingContact(response.body, this.defaultCountry);
		if (contact.id === 'marketing:') {
			// An answer without the contact: it was saved, read it back for its uuid.
			const saved = await this.readContact(marketingEmailKey(email));
			if (!saved) throw new CrmError('rdstation', `RD Station Marketing accepted the contact ${email} but cannot find it.`, { status: response.status, code: 'NO_ID', body: response.body });
			return { ok: true, contact: saved, created: !existing };
		}
		return { ok: true, contact, created: !existing };
	}

	/** GET /platform/contacts/<uuid or email:…>, or undefined when there is no such contact (404). */
	private async readContact(key: string): Promise<CrmContact | undefined> {
		const response = await callRdStation(this.caller, { method: 'GET', url: `${this.baseUrl}/platform/contacts/${key}` }, 'read the contact', [404]);
		if (response.status === 404) return undefined;
		const contact = readMarketingContact(response.body, this.defaultCountry);
		return contact.id === 'marketing:' ? undefined : contact;
	}
}
