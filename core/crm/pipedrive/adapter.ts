import { type CrmActivity, type CrmActivityResult, type CrmAdapter, type CrmContact, type CrmCustomer, type CrmProperty, type CrmUpsert, type CrmUpsertResult } from '../types';
import { upsertInTurn } from '../upsert-in-turn';
import { PipedriveApi, type PipedriveConfig } from './api';
import { toContact, type PipedrivePerson } from './person';
import { newPersonBody, personChanges } from './person-body';
import { paginationOf, toProperty, type PipedrivePersonField } from './person-fields';
import { countryOf, phoneSpellings, searchableTerms } from './search-terms';
import { activityBody, noteBody, personId } from './timeline-bodies';

interface SearchItem {
	result_score?: number;
	item: PipedrivePerson;
}

/** How well a person answered a customer's search: identifiers matched, by e-mail, Pipedrive's best score. */
interface Hit {
	person: PipedrivePerson;
	identifiersMatched: number;
	byEmail: boolean;
	score: number;
	order: number;
}

/** Pipedrive answers at most 500 person fields a page. */
const FIELDS_PAGE = 500;

/**
 * Pipedrive as a CrmAdapter: persons found by id or by an exact search of every e-mail and every
 * spelling of every phone, created or updated one by one (Pipedrive has neither upsert nor
 * batches), messages logged as done activities and transcripts as notes.
 */
export class PipedriveAdapter implements CrmAdapter {
	readonly crm = 'pipedrive' as const;
	private readonly api: PipedriveApi;
	private readonly companyDomain?: string;

	constructor(config: PipedriveConfig) {
		this.api = new PipedriveApi(config);
		this.companyDomain = config.companyDomain;
	}

	async findContacts(customer: CrmCustomer): Promise<CrmContact[]> {
		const country = countryOf(customer.phones[0]);
		if (customer.crmId) {
			const person = await this.person(customer.crmId);
			return person ? [this.contact(person, country)] : [];
		}
		return (await this.search(customer)).map((person) => this.contact(person, country));
	}

	async upsertContacts(inputs: CrmUpsert[]): Promise<CrmUpsertResult[]> {
		return await upsertInTurn(inputs, (input) => this.upsert(input));
	}

	async logActivity(activity: CrmActivity): Promise<CrmActivityResult> {
		if (activity.kind === 'conversation') {
			const note = await this.api.data<{ id: number }>({ method: 'POST', path: '/v1/notes', json: noteBody(activity), action: `add a note to the person ${activity.contactId}` });
			return { id: String(note.id), objectType: 'note' };
		}
		const created = await this.api.data<{ id: number }>({ method: 'POST', path: '/api/v2/activities', json: activityBody(activity), action: `add an activity to the person ${activity.contactId}` });
		return { id: String(created.id), objectType: 'activity' };
	}

	async eraseContact(contactId: string): Promise<{ erased: boolean }> {
		const response = await this.api.send({ method: 'DELETE', path: `/api/v2/persons/${personId(contactId)}`, action: `delete the person ${contactId}`, accept: [404, 410] });
		return { erased: response.status < 300 };
	}

	async listProperties(): Promise<CrmProperty[]> {
		const fields: PipedrivePersonField[] = [];
		for (let start = 0; ; ) {
			const response = await this.api.send<PipedrivePersonField[]>({ method: 'GET', path: '/v1/personFields', query: { start, limit: FIELDS_PAGE }, action: 'list the person fields' });
			const page = response.body.data ?? [];
			fields.push(...page);
			const pagination = paginationOf(response.body.additional_data);
			if (!pagination.more_items_in_collection || !page.length) break;
			start = pagination.next_start ?? start + page.length;
		}
		return fields.filter((field) => field.key && field.active_flag !== false).map(toProperty);
	}

	private contact(person: PipedrivePerson, defaultCountry: string | undefined): CrmContact {
		return toContact(person, { companyDomain: this.companyDomain, defaultCountry });
	}

	/** The person with this id; one deleted (or never there) is undefined, not an error. */
	private async person(id: string): Promise<PipedrivePerson | undefined> {
		const response = await this.api.send<PipedrivePerson>({ method: 'GET', path: `/api/v2/persons/${personId(id)}`, action: `find the person ${id}`, accept: [404, 410] });
		const person = response.status < 300 ? response.body.data : undefined;
		return person && person.is_deleted !== true && person.active_flag !== false ? person : undefined;
	}

	private async searchTerm(field: 'email' | 'phone', term: string): Promise<SearchItem[]> {
		const data = await this.api.data<{ items?: SearchItem[] }>({
			method: 'GET',
			path: '/api/v2/persons/search',
			query: { term, fields: field, exact_match: true },
			action: `search persons by ${field === 'email' ? 'e-mail' : 'phone'}`,
		});
		return (data?.items ?? []).filter((entry) => entry?.item?.id !== undefined);
	}

	/** Persons holding any of the customer's e-mails or phones, the one matching most of them first. */
	private async search(customer: CrmCustomer): Promise<PipedrivePerson[]> {
		const identifiers = [
			...customer.emails.map((email) => ({ field: 'email' as const, terms: searchableTerms([email]) })),
			...customer.phones.map((phone) => ({ field: 'phone' as const, terms: phoneSpellings(phone) })),
		];
		const hits = new Map<number, Hit>();
		for (const { field, terms } of identifiers) {
			// Every spelling of one phone is one identifier: a person found by two of them matched it once.
			const found = new Map<number, SearchItem>();
			for (const term of terms) {
				for (const entry of await this.searchTerm(field, term)) {
					const before = found.get(entry.item.id);
					if (!before || (entry.result_score ?? 0) > (before.result_score ?? 0)) found.set(entry.item.id, entry);
				}
			}
			for (const { item, result_score: score = 0 } of found.values()) {
				const hit = hits.get(item.id) ?? { person: item, identifiersMatched: 0, byEmail: false, score, order: hits.size };
				hit.identifiersMatched += 1;
				hit.byEmail ||= field === 'email';
				hit.score = Math.max(hit.score, score);
				hits.set(item.id, hit);
			}
		}
		return [...hits.values()]
			.sort((a, b) => b.identifiersMatched - a.identifiersMatched || Number(b.byEmail) - Number(a.byEmail) || b.score - a.score || a.order - b.order)
			.map((hit) => hit.person);
	}

	/** The person this customer already is in Pipedrive, read in full (the search answers only bare values). */
	private async existingPerson(customer: CrmCustomer): Promise<PipedrivePerson | undefined> {
		const known = customer.crmId ? await this.person(customer.crmId) : undefined;
		if (known) return known;
		const [best] = await this.search(customer);
		return best ? this.person(String(best.id)) : undefined;
	}

	private async upsert(input: CrmUpsert): Promise<CrmUpsertResult> {
		const country = countryOf(input.customer.phones[0]);
		const existing = await this.existingPerson(input.customer);
		if (!existing) {
			const body = newPersonBody(input, country);
			const created = await this.api.data<PipedrivePerson>({ method: 'POST', path: '/api/v2/persons', json: body, action: `create the person "${String(body.name)}"` });
			return { ok: true, contact: this.contact(created, country), created: true };
		}
		const changes = personChanges(existing, input, country);
		if (!changes) return { ok: true, contact: this.contact(existing, country), created: false };
		const updated = await this.api.data<PipedrivePerson>({ method: 'PATCH', path: `/api/v2/persons/${existing.id}`, json: changes, action: `update the person ${existing.id}` });
		return { ok: true, contact: this.contact(updated, country), created: false };
	}
}
