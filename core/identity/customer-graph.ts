import type { Customer, Traits } from '../model';
import type { Database } from '../store/database';
import { currentCustomerId, customerIdByIdentifier, isCustomerId, loadCustomers, storeStats } from '../store/customer-sql';
import { searchCustomers, type CustomerSearch, type CustomerSearchPage } from '../store/customer-search-sql';
import { listAudience, type AudienceFilter, type AudiencePage } from '../store/audience-sql';
import { storeAnswers } from '../store/store-answers';
import { consentTrail, latestConsentChanges } from '../store/consent-sql';
import type { ConsentChange } from '../consent/consent-change';
import type { ResolveOutcome } from './batch-plan';
import { addIdentifier, changeConsent, CustomerOperationError, forgetCustomer, mergeCustomers, removeIdentifier, unmergeCustomer, updateCustomerTraits } from './customer-operations';
import { prepareInput, type PreparedInput, type ResolveInput } from './prepare';
import { isolateRefusedInputs } from './refused-inputs';
import type { RawIdentity } from './normalize';
import { DEFAULT_PROTECTION_RULES, type ProtectionRules } from './protection';
import { resolveBatch, resolvePrepared, type BatchPolicy } from './resolver';
import { malformedTextIn } from './well-formed-text';
import { confirmCustomer, type EventRef } from './confirm-customer';

export type { BatchPolicy, ForgottenPolicy } from './resolver';

/** Text the store would refuse (see well-formed-text.ts) is a mistake to correct, not a store failure. */
function refuseMalformedText(value: unknown, name: string): void {
	const reason = malformedTextIn(value, name);
	if (reason) throw new CustomerOperationError(reason);
}

/** Everything the nodes and the CLI do with customers, over one store and one set of protection rules. */
export class CustomerGraph {
	constructor(
		readonly db: Database,
		readonly rules: ProtectionRules = DEFAULT_PROTECTION_RULES,
	) {}

	resolve(inputs: ResolveInput[], defaultCountry?: string, policy: BatchPolicy = {}): Promise<ResolveOutcome[]> {
		return resolveBatch(this.db, inputs, { ...policy, rules: this.rules, defaultCountry });
	}

	/** Normalizes and checks an input under this graph's rules: `error` says why it can't be resolved. */
	prepare(input: ResolveInput, defaultCountry?: string): PreparedInput {
		return prepareInput(input, this.rules, defaultCountry);
	}

	/** Resolves inputs from `prepare`, without normalizing them again. */
	resolvePrepared(prepared: PreparedInput[], policy: BatchPolicy = {}): Promise<ResolveOutcome[]> {
		return resolvePrepared(this.db, prepared, this.rules, policy);
	}

	/**
	 * As `resolve`, but an input the store refuses is set aside with an error outcome and the
	 * others are stored, each once; throws only when the store itself fails.
	 */
	resolveIsolatingRefused(inputs: ResolveInput[], defaultCountry?: string, policy: BatchPolicy = {}): Promise<ResolveOutcome[]> {
		return this.resolvePreparedIsolatingRefused(
			inputs.map((input) => this.prepare(input, defaultCountry)),
			policy,
		);
	}

	/** As `resolvePrepared`, setting aside the inputs the store refuses (see resolveIsolatingRefused). */
	resolvePreparedIsolatingRefused(prepared: PreparedInput[], policy: BatchPolicy = {}): Promise<ResolveOutcome[]> {
		return isolateRefusedInputs(prepared, (batch) => this.resolvePrepared(batch, policy), () => storeAnswers(this.db));
	}

	/** Normalizes one identifier as resolution would, or says why it can't be used. */
	identifier(raw: RawIdentity, defaultCountry?: string) {
		const prepared = prepareInput({ identities: [raw] }, this.rules, defaultCountry);
		if (prepared.error) throw new CustomerOperationError(prepared.warnings[0]?.replace(/^ignored /, '') ?? prepared.error);
		return prepared.identities[0];
	}

	/** The customer an id or identifier stands for today (following merges), if any. */
	async findCustomerId(by: { id: string } | { identifier: RawIdentity; defaultCountry?: string }): Promise<string | undefined> {
		if ('id' in by) return await currentCustomerId(this.db, by.id.trim());
		return await customerIdByIdentifier(this.db, this.identifier(by.identifier, by.defaultCountry));
	}

	/** Live customers whose name or any identifier contains `text`, newest first, a page at a time (see searchCustomers). */
	async searchCustomers(text: string, search: CustomerSearch): Promise<CustomerSearchPage> {
		if (search.after !== undefined && !isCustomerId(search.after)) throw new CustomerOperationError(`"${search.after}" is not where a page of customers starts`);
		return await searchCustomers(this.db, text, search);
	}

	/** A page of the live customers that match the filter, oldest first; `after` is the previous page's `next` (see listAudience). */
	async listAudience(filter: AudienceFilter, page: { limit: number; after?: string }): Promise<AudiencePage> {
		if (page.after !== undefined && !isCustomerId(page.after)) throw new CustomerOperationError(`"${page.after}" is not a cursor of this audience: give the nextCursor of the previous page, or nothing to start at the first`);
		for (const bound of [filter.lastContact?.after, filter.lastContact?.before]) {
			if (bound !== undefined && Number.isNaN(Date.parse(bound))) throw new CustomerOperationError(`"${bound}" is not a date of last contact: use a date such as 2026-11-01 or 2026-11-01T09:00:00Z`);
		}
		return await listAudience(this.db, filter, page);
	}

	async getCustomers(ids: string[], historyLimit: number): Promise<Map<string, Customer>> {
		return await loadCustomers(this.db, ids, historyLimit);
	}

	async getCustomer(id: string, historyLimit: number): Promise<Customer | undefined> {
		return (await loadCustomers(this.db, [id], historyLimit)).get(id);
	}

	async addIdentifier(customerId: string, raw: RawIdentity, defaultCountry?: string) {
		const identifier = this.identifier(raw, defaultCountry);
		return await addIdentifier(this.db, customerId, identifier, this.rules.maxPerKind[identifier.kind] ?? Infinity);
	}

	async removeIdentifier(customerId: string, raw: RawIdentity, defaultCountry?: string) {
		return await removeIdentifier(this.db, customerId, this.identifier(raw, defaultCountry));
	}

	async merge(primaryId: string, secondaryId: string, note?: string) {
		refuseMalformedText(note, 'the note');
		return await mergeCustomers(this.db, primaryId, secondaryId, note);
	}

	unmerge(mergedId: string) {
		return unmergeCustomer(this.db, mergedId);
	}

	/** Settles which of the customers sharing an identifier is writing (see confirmCustomer). */
	confirm(raw: RawIdentity, customerId: string, event?: EventRef) {
		return confirmCustomer(this.db, this.identifier(raw), customerId, event);
	}

	forget(customerId: string) {
		return forgetCustomer(this.db, customerId);
	}

	async updateTraits(customerId: string, traits: Traits) {
		refuseMalformedText(traits, 'traits');
		return await updateCustomerTraits(this.db, customerId, traits);
	}

	/** The customer's consent now (the latest change of each channel and purpose) and the whole trail, oldest first. */
	async consents(customerId: string) {
		const id = await currentCustomerId(this.db, customerId.trim());
		if (!id) return undefined;
		const [current, trail] = await Promise.all([latestConsentChanges(this.db, [id]), consentTrail(this.db, id)]);
		return { customerId: id, current, trail };
	}

	async changeConsent(customerId: string, change: ConsentChange) {
		refuseMalformedText(change.evidence, 'the evidence');
		return await changeConsent(this.db, customerId, change);
	}

	stats() {
		return storeStats(this.db);
	}
}
