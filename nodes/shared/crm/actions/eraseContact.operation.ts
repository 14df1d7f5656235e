import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { normalizeEmail } from '../../../../core/identifiers/email';
import { forOperation } from '../../for-operation';
import { contactIdProperty } from '../common.descriptions';
import type { CrmConnection } from '../crm-connection';
import { customerOf } from '../crm-customer';
import type { CrmNodeDefinition } from '../crm-definition';
import { withCrmResult } from '../crm-items';

export const description = (definition: CrmNodeDefinition): INodeProperties[] =>
	forOperation('eraseContact', [
		{
			displayName: `Put this operation before Customer Merge's Forget Customer: Forget's output no longer holds the customer's e-mails, phones or ${definition.crmName} ID. After Forget, erase by a Contact ID or E-mail mapped from before it.`,
			name: 'eraseNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Erase By',
			name: 'eraseBy',
			type: 'options',
			options: [
				{ name: 'Customer on the Item', value: 'customer', description: `Every ${definition.crmName} contact of the customer Customer Merge put on the item` },
				{ name: 'Contact ID', value: 'contactId' },
				{ name: 'E-Mail', value: 'email', description: 'Every contact with this e-mail' },
			],
			default: 'customer',
		},
		{ ...contactIdProperty(definition, `The ${definition.crmName} record ID of the contact to erase`), required: true, displayOptions: { show: { eraseBy: ['contactId'] } } },
		{ displayName: 'E-Mail', name: 'email', type: 'string', required: true, default: '', placeholder: 'e.g. maria@example.com', displayOptions: { show: { eraseBy: ['email'] } } },
	]);

/** The contacts to erase: the one given, or every contact found for the customer or the e-mail. */
async function contactsToErase(context: IExecuteFunctions, itemIndex: number, { definition, adapter }: CrmConnection): Promise<string[]> {
	const eraseBy = context.getNodeParameter('eraseBy', itemIndex, 'customer');
	if (eraseBy === 'contactId') {
		const id = String(context.getNodeParameter('contactId', itemIndex, '') ?? '').trim();
		if (!id) throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} has no contact ID`, { itemIndex });
		return [id];
	}
	if (eraseBy === 'email') {
		const email = normalizeEmail(String(context.getNodeParameter('email', itemIndex, '') ?? ''));
		if (!email.ok) throw new NodeOperationError(context.getNode(), email.reason, { itemIndex });
		return (await adapter.findContacts({ emails: [email.value], phones: [], traits: {} })).map((contact) => contact.id);
	}
	const customer = customerOf(context, itemIndex, definition.crm, definition.crmName);
	const found = (await adapter.findContacts(customer)).map((contact) => contact.id);
	return [...new Set([...(customer.crmId ? [customer.crmId] : []), ...found])];
}

/**
 * Right to erasure in the CRM (HubSpot: GDPR delete). Output: `erased` (whether any contact was),
 * `erasedContactIds`; the ledger forgets what was logged on them.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, connection: CrmConnection) {
	const { definition, adapter, ledger } = connection;
	const ids = await contactsToErase(this, itemIndex, connection);
	const erased: string[] = [];
	for (const id of ids) {
		if ((await adapter.eraseContact(id)).erased) erased.push(id);
		await ledger.forgetContact(definition.crm, id);
	}
	return withCrmResult(this, itemIndex, definition.crm, { contactId: ids[0] ?? null, erased: erased.length > 0, erasedContactIds: erased });
}
