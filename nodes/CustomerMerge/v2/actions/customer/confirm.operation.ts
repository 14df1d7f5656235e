import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph, Identity, SharedResolution } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { historyLimitProperty } from '../../../customer-properties';
import { customerLocator } from './common.descriptions';
import { customerJson } from '../../../item-parameters';
import { customerIdOf } from './customer-parameters';

export const description = forOperation(
	'confirm',
	[
		{
			displayName:
				'Items must come from Resolve Customer with a message from a phone several customers share (resolution.shared): for example the answer to a WhatsApp list "Who is writing?" whose rows are the IDs in resolution.shared.customers',
			name: 'confirmNotice',
			type: 'notice',
			default: '',
		},
		customerLocator('customer', 'Customer Writing', 'Who is writing: one of the customers in the item\'s resolution.shared.customers, e.g. {{ $json.action.id }} of a list reply'),
		historyLimitProperty,
	],
	'customer',
);

/** The shared identifier an item came with, as Resolve Customer put it there. */
function sharedOf(context: IExecuteFunctions, itemIndex: number): SharedResolution {
	const shared = ((context.getInputData()[itemIndex].json.resolution as IDataObject | undefined)?.shared ?? undefined) as SharedResolution | undefined;
	const identifier = shared?.identifier as Identity | undefined;
	if (!identifier?.kind || !identifier.value) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} did not come from a shared phone, so there is nobody to confirm`, {
			itemIndex,
			description: 'Put Customer Merge (Resolve Customer) before this operation, and run it only for items whose resolution.shared is set.',
		});
	}
	return shared!;
}

/**
 * Settles who is writing from a shared phone: the item goes on as that customer's, with their
 * 360 as `customer`; the message it carries moves to their history, and the next messages from
 * the phone are presumed theirs until someone else writes as themselves or is confirmed.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const json = this.getInputData()[itemIndex].json;
	const shared = sharedOf(this, itemIndex);
	const event = typeof json.channel === 'string' && typeof json.account === 'string' && typeof json.externalId === 'string' ? { channel: json.channel, account: json.account, externalId: json.externalId } : undefined;
	const result = await graph.confirm(shared.identifier, customerIdOf(this, 'customer', itemIndex), event);
	const historyLimit = this.getNodeParameter('historyLimit', itemIndex, 10) as number;
	const resolution = { ...(json.resolution as IDataObject), customerConfirmed: result.customerId, shared: { ...shared, confirmed: true } };
	return { ...json, customer: await customerJson(graph, result.customerId, historyLimit), resolution };
}
