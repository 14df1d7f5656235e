import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { LedgerEntry } from '../../../../core/crm';
import { forOperation } from '../../for-operation';
import { contactIdProperty, customerProperties } from '../common.descriptions';
import { conversationActivity, messageActivity } from '../activity-of-item';
import { contactForItem } from '../contact-for-item';
import type { CrmConnection } from '../crm-connection';
import { customerOf } from '../crm-customer';
import type { CrmNodeDefinition } from '../crm-definition';
import { withCrmResult } from '../crm-items';

const transcriptOnly = { show: { log: ['conversation'] } };

export const description = (definition: CrmNodeDefinition): INodeProperties[] =>
	forOperation('logConversation', [
		{
			displayName: 'Log',
			name: 'log',
			type: 'options',
			options: [
				{ name: 'Message on the Item', value: 'message', description: 'The message the item is: each message becomes one entry on the timeline' },
				{ name: 'Conversation Transcript', value: 'conversation', description: "The conversation's last messages across channels, from the store, as one entry" },
			],
			default: 'message',
		},
		{
			...contactIdProperty(definition, `The ${definition.crmName} contact to log on. Empty: the contact an earlier ${definition.crmName} node put on the item, or the customer's.`),
		},
		...customerProperties(definition),
		{
			displayName: 'Create Contact If Missing',
			name: 'createContact',
			type: 'boolean',
			default: true,
			description: `Whether to create the ${definition.crmName} contact of a customer it doesn't know yet, rather than fail`,
		},
		{
			displayName: 'Conversation ID',
			name: 'conversationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11',
			description: 'Empty: the conversation the Conversation node put on the item',
			displayOptions: transcriptOnly,
		},
		{
			displayName: 'Transcript Limit',
			name: 'transcriptLimit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 200 },
			default: 50,
			description: 'How many of the latest messages the transcript shows, one line each',
			displayOptions: transcriptOnly,
		},
	]);

/**
 * Puts the message or transcript on the contact's timeline, once: the ledger is claimed before
 * the CRM is called and released if the call fails, so a redelivered event, or two executions at
 * once, log it once. A second log outputs `duplicate: true` and calls nothing.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, connection: CrmConnection) {
	const { definition, adapter, ledger } = connection;
	const hasCustomer = !String(this.getNodeParameter('contactId', itemIndex, '') ?? '').trim();
	const customer = hasCustomer ? customerOf(this, itemIndex, definition.crm, definition.crmName) : undefined;
	const toLog = this.getNodeParameter('log', itemIndex, 'message') === 'conversation' ? await conversationActivity(this, itemIndex, connection, customer) : messageActivity(this, itemIndex, customer);
	const contact = await contactForItem(this, itemIndex, connection, this.getNodeParameter('createContact', itemIndex, true) as boolean);
	const entry: LedgerEntry = { crm: definition.crm, contactId: contact.contactId, key: toLog.key, customerId: customer?.id };
	const base = { contactId: contact.contactId, contact: contact.contact, created: contact.created, warning: contact.warning };
	const claim = await ledger.claim(entry);
	if (!claim.claimed) return withCrmResult(this, itemIndex, definition.crm, { ...base, activity: claim.record ?? null, duplicate: true });
	try {
		const activity = await adapter.logActivity({ ...toLog, contactId: contact.contactId });
		await ledger.record(entry, activity);
		return withCrmResult(this, itemIndex, definition.crm, { ...base, activity, duplicate: false });
	} catch (error) {
		await ledger.release(entry);
		throw error;
	}
}
