import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../for-operation';
import { customerProperties } from '../common.descriptions';
import { linkContact, type CrmConnection } from '../crm-connection';
import { customerOf } from '../crm-customer';
import type { CrmNodeDefinition } from '../crm-definition';
import { withCrmResult } from '../crm-items';

export const description = (definition: CrmNodeDefinition): INodeProperties[] => forOperation('findContact', customerProperties(definition));

/**
 * The customer's contact: by the id it already has, else by every e-mail and phone. Found,
 * its id becomes one of the customer's identifiers. Output: `found`, the contact (the most
 * relevant when several match), and `matches`, how many did.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, connection: CrmConnection) {
	const { definition, adapter } = connection;
	const customer = customerOf(this, itemIndex, definition.crm, definition.crmName);
	const contacts = await adapter.findContacts(customer);
	const [contact] = contacts;
	if (!contact) return withCrmResult(this, itemIndex, definition.crm, { contactId: null, contact: null, found: false, matches: 0 });
	const warning = await linkContact(connection, customer, contact.id);
	return withCrmResult(this, itemIndex, definition.crm, { contactId: contact.id, contact, found: true, matches: contacts.length, warning });
}
