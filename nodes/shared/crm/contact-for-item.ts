import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import type { CrmContact, CrmCustomer } from '../../../core/crm';
import { linkContact, type CrmConnection } from './crm-connection';
import { contactIdOnItem, customerOf } from './crm-customer';

export interface ContactForItem {
	contactId: string;
	customer?: CrmCustomer;
	/** When the contact had to be looked up or created: as the CRM answered. */
	contact?: CrmContact;
	created?: boolean;
	warning?: string;
}

/**
 * The contact an item is about, with the fewest calls: the Contact ID parameter; the id an earlier
 * node of this CRM put on the item or the customer already has (no call); else the customer's
 * contacts searched, and, when `create`, the contact created for a customer the CRM doesn't know.
 */
export async function contactForItem(context: IExecuteFunctions, itemIndex: number, connection: CrmConnection, create: boolean): Promise<ContactForItem> {
	const { adapter, definition } = connection;
	const given = String(context.getNodeParameter('contactId', itemIndex, '') ?? '').trim();
	if (given) return { contactId: given };
	const onItem = contactIdOnItem(context.getInputData()[itemIndex].json, definition.crm);
	const customer = customerOf(context, itemIndex, definition.crm, definition.crmName);
	const known = customer.crmId ?? onItem;
	if (known) return { contactId: known, customer, warning: await linkContact(connection, customer, known) };
	const [found] = await adapter.findContacts(customer);
	if (found) return { contactId: found.id, customer, contact: found, warning: await linkContact(connection, customer, found.id) };
	if (!create) {
		throw new NodeOperationError(context.getNode(), `No ${definition.crmName} contact for the customer of item ${itemIndex + 1}`, {
			itemIndex,
			description: `Turn on 'Create Contact If Missing', or put Upsert Contact before this operation.`,
		});
	}
	const [result] = await adapter.upsertContacts([{ customer, properties: {} }]);
	if (!result.ok) throw result.error;
	return { contactId: result.contact.id, customer, contact: result.contact, created: result.created, warning: await linkContact(connection, customer, result.contact.id) };
}
