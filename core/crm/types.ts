import type { Channel } from '../model/event';
import type { CRM_KINDS } from '../model/identity';

/** The CRMs the package speaks to; each is also the identifier kind of its record ids. */
export type CrmKind = (typeof CRM_KINDS)[number];

/** What a CRM is told about one of our customers: everything it could be found by. */
export interface CrmCustomer {
	/** Our customer id, when the customer is in the store. */
	id?: string;
	name?: string;
	/** Normalized (trimmed, lower-case). */
	emails: string[];
	/** E.164. Adapters search the forms their CRM stores as well (national, digits only). */
	phones: string[];
	/** The record id in this CRM, when the customer already has one: no search needed. */
	crmId?: string;
	traits: Record<string, unknown>;
}

/** A person as the CRM holds it. */
export interface CrmContact {
	crm: CrmKind;
	id: string;
	/** The CRM's own name for the record: contact, lead (Salesforce), person (Pipedrive). */
	objectType: string;
	name?: string;
	emails: string[];
	/** E.164 where the stored number could be read as one, else as the CRM stores it. */
	phones: string[];
	/** The record in the CRM's own interface, when it can be linked. */
	url?: string;
	/** The CRM's properties as it answered them. */
	properties: Record<string, unknown>;
}

/** One contact to create or update: the customer, and CRM properties already mapped by the node. */
export interface CrmUpsert {
	customer: CrmCustomer;
	properties: Record<string, unknown>;
}

export type CrmUpsertResult = { ok: true; contact: CrmContact; created: boolean } | { ok: false; error: CrmError };

/** What is put on a contact's timeline: one message, or a conversation's transcript. */
export interface CrmActivity {
	contactId: string;
	/**
	 * Stable for what is logged (the event id, or the conversation id and its last event):
	 * the node logs each key once per CRM and contact, so a redelivered event is logged once.
	 */
	key: string;
	kind: 'message' | 'conversation';
	channel: Channel;
	/** For a message; a conversation has both. */
	direction?: 'inbound' | 'outbound';
	/** ISO 8601: when the message was sent, or the conversation's last message. */
	timestamp: string;
	/** A short title: "WhatsApp conversation with Maria Souza", an e-mail's subject. */
	subject: string;
	/** Plain text: the message, or the transcript one line per message. */
	body: string;
}

/** The record created on the timeline (HubSpot communication or note, Salesforce task, …). */
export interface CrmActivityResult {
	id: string;
	objectType: string;
}

/** A CRM property a node can map a trait to (loaded into the node's field mapping). */
export interface CrmProperty {
	name: string;
	label: string;
	type: string;
	/** Read-only or calculated properties can't be written. */
	writable: boolean;
}

/**
 * A CRM refused or failed a request. The message says what to fix, in words an ops person
 * understands; the CRM's own answer (without credentials) stays in `body`.
 */
export class CrmError extends Error {
	constructor(
		readonly crm: CrmKind,
		message: string,
		readonly details: { status?: number; code?: string; hint?: string; body?: unknown } = {},
	) {
		super(message);
		this.name = 'CrmError';
	}
}

/**
 * One CRM's API, as every CRM node uses it: the same four operations everywhere, so whoever
 * knows one CRM node knows all. Each adapter knows its CRM's endpoints, limits (batch sizes,
 * rate-limit answers, retried through core/http/retry) and error format. HTTP goes through
 * the HttpClient it is built with: inside n8n, with the user's n8n credential applied.
 */
export interface CrmAdapter {
	readonly crm: CrmKind;
	/**
	 * The contacts that are this customer: by crmId when known (a contact since deleted is not
	 * found, not an error), else by every e-mail and every phone. Most relevant first; none found
	 * is an empty list.
	 */
	findContacts(customer: CrmCustomer): Promise<CrmContact[]>;
	/** Creates or updates each contact, in as few calls as the CRM allows; one result per input, in order. */
	upsertContacts(inputs: CrmUpsert[]): Promise<CrmUpsertResult[]>;
	logActivity(activity: CrmActivity): Promise<CrmActivityResult>;
	/** Deletes the contact for the right to erasure. A contact already gone answers `erased: false`. */
	eraseContact(contactId: string): Promise<{ erased: boolean }>;
	/** The contact properties the node's field mapping offers. */
	listProperties(): Promise<CrmProperty[]>;
}
