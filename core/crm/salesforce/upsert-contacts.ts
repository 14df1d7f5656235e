import { CrmError, type CrmContact, type CrmCustomer, type CrmUpsert, type CrmUpsertResult } from '../types';
import { checkedExternalIdField, type SalesforceConfig } from './config';
import { sendComposite, type Subrequest, type Subresponse } from './composite';
import { isPlaceholderName, placeholderName, splitName } from './contact-name';
import { isDailyLimitError, salesforceError, salesforceErrorItems } from './errors';
import { findSalesforceContacts } from './find-contacts';
import { requirePersonObject, type PersonObject } from './record-ids';
import { toCrmContact } from './records';

/** One write planned for one input, and how to read its answer. */
interface PlannedWrite {
	index: number;
	object: PersonObject;
	kind: 'create' | 'update' | 'upsert';
	/** Known for an update: the record written. */
	id?: string;
	path: string;
	body: Record<string, unknown>;
}

type Plan = PlannedWrite | { index: number; error: CrmError };

/** The customer's first e-mail and phone, for a record that has none. */
function identityFields(customer: CrmCustomer, contact?: CrmContact): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	if (customer.emails[0] && !contact?.emails.length) fields.Email = customer.emails[0];
	if (customer.phones[0] && !contact?.phones.length) fields.MobilePhone = customer.phones[0];
	return fields;
}

function asCrmError(error: unknown): CrmError {
	return error instanceof CrmError ? error : new CrmError('salesforce', (error as Error).message);
}

/** Where an input goes: the known record, the External ID upsert, or a search then create or update. */
async function plan(config: SalesforceConfig, externalIdField: string | undefined, input: CrmUpsert, index: number): Promise<Plan> {
	const { customer, properties } = input;
	try {
		const name = splitName(customer.name);
		if (customer.crmId?.trim()) {
			const id = customer.crmId.trim();
			const object = requirePersonObject(id, 'The Salesforce id of the customer');
			const external = object === 'Contact' && externalIdField && customer.id ? { [externalIdField]: customer.id } : {};
			// The record is known and may hold a name corrected in Salesforce: only mapped properties change it.
			return { index, object, kind: 'update', id, path: `/sobjects/${object}/${id}`, body: { ...external, ...properties } };
		}
		if (externalIdField && customer.id) {
			// The External ID travels in the URL; Salesforce refuses it in the body as well.
			const { [externalIdField]: _inUrl, ...rest } = properties;
			const path = `/sobjects/Contact/${externalIdField}/${encodeURIComponent(customer.id)}`;
			return { index, object: 'Contact', kind: 'upsert', path, body: { ...name, ...identityFields(customer), ...rest } };
		}
		const [found] = await findSalesforceContacts(config, customer);
		if (found) {
			const object: PersonObject = found.objectType === 'lead' ? 'Lead' : 'Contact';
			const rename = name && isPlaceholderName(found.properties.LastName, customer) ? name : {};
			return { index, object, kind: 'update', id: found.id, path: `/sobjects/${object}/${found.id}`, body: { ...rename, ...identityFields(customer, found), ...properties } };
		}
		return { index, object: 'Contact', kind: 'create', path: '/sobjects/Contact', body: { ...(name ?? placeholderName(customer)), ...identityFields(customer), ...properties } };
	} catch (error) {
		return { index, error: asCrmError(error) };
	}
}

/** An upsert of a new contact without a name: Salesforce asks for LastName, which only a create needs. */
function needsPlaceholder(write: PlannedWrite, answer: Subresponse): boolean {
	if (write.kind !== 'upsert' || 'LastName' in write.body) return false;
	return salesforceErrorItems(answer.body).some((item) => item.errorCode === 'REQUIRED_FIELD_MISSING' && (item.fields ?? ['LastName']).includes('LastName'));
}

function ambiguous(externalIdField: string | undefined, customer: CrmCustomer, answer: Subresponse): CrmError {
	const count = Array.isArray(answer.body) ? answer.body.length : 'several';
	return new CrmError('salesforce', `Salesforce has ${count} contacts whose ${externalIdField} is "${customer.id}", so it cannot tell which one to update`, {
		status: 300,
		code: 'MULTIPLE_CHOICES',
		hint: `Merge those contacts in Salesforce, or make ${externalIdField} unique (Setup > Object Manager > Contact > Fields: tick "Unique").`,
		body: answer.body,
	});
}

/** One input's result from its write's answer. */
function resultOf(config: SalesforceConfig, externalIdField: string | undefined, input: CrmUpsert, write: PlannedWrite, answer: Subresponse | CrmError): CrmUpsertResult {
	if (answer instanceof CrmError) return { ok: false, error: answer };
	const status = answer.httpStatusCode;
	if (status === 300) return { ok: false, error: ambiguous(externalIdField, input.customer, answer) };
	if (status < 200 || status >= 300) return { ok: false, error: salesforceError(status, answer.body, write.object === 'Lead' ? 'the lead' : 'the contact') };
	const saved = (answer.body ?? {}) as { id?: string; created?: boolean };
	const id = saved.id ?? write.id;
	if (!id) return { ok: false, error: new CrmError('salesforce', 'Salesforce saved the contact but did not say its id', { status, body: answer.body }) };
	const created = write.kind === 'create' || (write.kind === 'upsert' && (saved.created ?? status === 201));
	const externalId = write.kind === 'upsert' && externalIdField ? { [externalIdField]: input.customer.id } : {};
	return { ok: true, created, contact: toCrmContact(config, write.object, { Id: id, ...write.body, ...externalId }) };
}

/**
 * Creates or updates each customer's contact: by the known record id, else by the External ID
 * field when configured (one composite call per 25 inputs, no search), else by a search then
 * create or update. Names are written on create, in External ID mode (the package is then the
 * source of the record), and over a placeholder name; otherwise only mapped properties change
 * them. A new contact without a name gets a placeholder last name (its e-mail or phone).
 */
export async function upsertSalesforceContacts(config: SalesforceConfig, inputs: CrmUpsert[]): Promise<CrmUpsertResult[]> {
	const externalIdField = checkedExternalIdField(config.externalIdField);
	// One input after another: a search takes up to three calls, and Salesforce limits concurrent requests.
	const plans: Plan[] = [];
	for (const [index, input] of inputs.entries()) {
		// Past the daily limit every search is refused: the other inputs share that answer, unsent.
		const limited = plans.find((planned): planned is { index: number; error: CrmError } => 'error' in planned && isDailyLimitError(planned.error));
		plans.push(limited ? { index, error: limited.error } : await plan(config, externalIdField, input, index));
	}
	const results: CrmUpsertResult[] = plans.map((planned) => ('error' in planned ? { ok: false, error: planned.error } : { ok: false, error: new CrmError('salesforce', 'Not sent') }));
	let pending: PlannedWrite[] = [];
	for (const planned of plans) {
		if ('error' in planned) continue;
		// A known record with nothing to change costs no call.
		if (planned.kind === 'update' && Object.keys(planned.body).length === 0) results[planned.index] = resultOf(config, externalIdField, inputs[planned.index], planned, { httpStatusCode: 204, body: null, referenceId: '' });
		else pending.push(planned);
	}
	// A second round only for nameless new contacts of an External ID upsert.
	for (let round = 0; round < 2 && pending.length > 0; round++) {
		const subrequests: Subrequest[] = pending.map((write) => ({ method: write.kind === 'create' ? 'POST' : 'PATCH', path: write.path, body: write.body, referenceId: `input${write.index}` }));
		const answers = await sendComposite(config, subrequests);
		const retry: PlannedWrite[] = [];
		for (const write of pending) {
			const answer = answers.get(`input${write.index}`) ?? new CrmError('salesforce', 'Salesforce did not answer for this contact', { code: 'NO_ANSWER' });
			if (round === 0 && !(answer instanceof CrmError) && needsPlaceholder(write, answer)) {
				retry.push({ ...write, body: { ...placeholderName(inputs[write.index].customer), ...write.body } });
				continue;
			}
			results[write.index] = resultOf(config, externalIdField, inputs[write.index], write, answer);
		}
		pending = retry;
	}
	return results;
}
