import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { unsubscribeToken, unsubscribeUrl } from '../../core/consent/unsubscribe-link';
import { normalizeEmail } from '../../core/channels/shared/email-address';
import { customerGraphFor } from '../shared/store';
import { unsubscribeSecret } from '../shared/unsubscribe-secret';

/** The Send Email options of a one-click unsubscribe link, and the link of one item. */

export const unsubscribeOptions: INodeProperties[] = [
	{
		displayName: 'Unsubscribe URL',
		name: 'unsubscribeUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/unsubscribe',
		description:
			'The Production URL of an Omnichannel Unsubscribe Trigger. When set, the e-mail carries a signed link of its own in the List-Unsubscribe headers, and mail programs show an Unsubscribe button that works in one click (RFC 8058; Gmail and Yahoo ask it of bulk senders). Sign the mail with DKIM at your provider.',
	},
	{
		displayName: 'Unsubscribe Customer ID',
		name: 'unsubscribeCustomerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11',
		description: "The recipient's customer ID in Customer Merge: map it from List Customers or Resolve Customer. Empty: the customer who holds the To address in the store.",
	},
	{
		displayName: 'Unsubscribe Link Secret',
		name: 'unsubscribeSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Signs the link; the Unsubscribe Trigger must have the same one. Empty: the secret of the Omnichannel Store credential chosen on this node.',
	},
];

/** The customer the link is for: the given ID, or the one holding the (first) To address. */
async function recipientCustomerId(context: IExecuteFunctions, itemIndex: number, options: IDataObject, to: string): Promise<string> {
	const given = String(options.unsubscribeCustomerId ?? '').trim();
	if (given) return given;
	const first = to.split(',')[0] ?? '';
	const address = normalizeEmail(first.match(/<([^>]*)>/)?.[1] ?? first);
	const graph = await customerGraphFor(context);
	const id = address && (await graph.findCustomerId({ identifier: { kind: 'email', value: address } }));
	if (!id) {
		throw new NodeOperationError(context.getNode(), `No customer in the store has the address "${to}", so there is no one for the unsubscribe link`, {
			itemIndex,
			description: 'Resolve the recipient with Customer Merge first, or map their ID into Unsubscribe Customer ID.',
		});
	}
	return id;
}

/** The item's one-click unsubscribe link, or undefined without an Unsubscribe URL. */
export async function unsubscribeLinkOf(context: IExecuteFunctions, itemIndex: number, options: IDataObject, to: string): Promise<string | undefined> {
	const base = String(options.unsubscribeUrl ?? '').trim();
	if (!base) return undefined;
	const secret = await unsubscribeSecret(context, options.unsubscribeSecret);
	const customerId = await recipientCustomerId(context, itemIndex, options, to);
	try {
		return unsubscribeUrl(base, unsubscribeToken(secret, customerId, 'marketing'));
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex });
	}
}
