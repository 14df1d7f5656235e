import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { CrmCustomer, CrmKind } from '../../../core/crm';
import { normalizeEmail } from '../../../core/identifiers/email';
import { normalizePhone } from '../../../core/identifiers/phone';

/** The customer as Customer Merge puts it on an item: the parts a CRM needs. */
interface ItemCustomer {
	id?: string;
	identities?: Array<{ kind: string; value: string }>;
	traits?: Record<string, unknown>;
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

/** The contact an earlier node of this CRM put on the item (`crm.<crm>.contactId`). */
export function contactIdOnItem(json: IDataObject, crm: CrmKind): string | undefined {
	const previous = ((json.crm as IDataObject | undefined)?.[crm] as IDataObject | undefined)?.contactId;
	return text(previous) || undefined;
}

/** The CrmCustomer of the `customer` Customer Merge put on the item (Resolve, Get), or undefined when it has none. */
export function customerOnItem(json: IDataObject, crm: CrmKind): CrmCustomer | undefined {
	const customer = json.customer as ItemCustomer | null | undefined;
	if (!customer || typeof customer !== 'object' || !Array.isArray(customer.identities)) return undefined;
	const values = (kind: string) => customer.identities!.filter((identity) => identity.kind === kind).map((identity) => identity.value);
	const traits = customer.traits ?? {};
	return {
		id: customer.id,
		name: text(traits.name) || undefined,
		emails: values('email'),
		phones: values('phone'),
		crmId: values(crm)[0] ?? contactIdOnItem(json, crm),
		traits,
	};
}

/** The customer the Mapped Fields give: an e-mail, a phone (international, or national with the default country) and a name. */
export function customerFromFields(context: IExecuteFunctions, itemIndex: number, crm: CrmKind): CrmCustomer {
	const field = (name: string) => text(context.getNodeParameter(name, itemIndex, ''));
	const emails: string[] = [];
	const phones: string[] = [];
	const email = field('email');
	if (email) {
		const normalized = normalizeEmail(email);
		if (!normalized.ok) throw new NodeOperationError(context.getNode(), normalized.reason, { itemIndex });
		emails.push(normalized.value);
	}
	const phone = field('phone');
	if (phone) {
		const normalized = normalizePhone(phone, field('defaultCountry') || undefined);
		if (!normalized.ok) throw new NodeOperationError(context.getNode(), normalized.reason, { itemIndex });
		phones.push(normalized.value);
	}
	return { name: field('name') || undefined, emails, phones, crmId: contactIdOnItem(context.getInputData()[itemIndex].json, crm), traits: {} };
}

/** The item's customer as the Customer parameter says; an error that says where one comes from when there is none. */
export function customerOf(context: IExecuteFunctions, itemIndex: number, crm: CrmKind, crmName: string): CrmCustomer {
	if (context.getNodeParameter('customerSource', itemIndex, 'item') === 'fields') {
		const customer = customerFromFields(context, itemIndex, crm);
		if (!customer.emails.length && !customer.phones.length) {
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} has no e-mail and no phone to find the ${crmName} contact by`, { itemIndex, description: 'Map the E-mail or the Phone field.' });
		}
		return customer;
	}
	const customer = customerOnItem(context.getInputData()[itemIndex].json, crm);
	if (!customer) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} has no customer`, {
			itemIndex,
			description: "Put Customer Merge (Resolve Customer or Get Customer) before this node, or set 'Customer' to 'Mapped Fields' and map the e-mail or phone.",
		});
	}
	return customer;
}
