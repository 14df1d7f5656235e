import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { CustomerGraph } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { customerLocator } from './common.descriptions';
import { customerJson, text } from '../../../item-parameters';
import { customerIdOf } from './customer-parameters';

const note: INodeProperties = {
	displayName: 'Note',
	name: 'note',
	type: 'string',
	default: '',
	placeholder: 'e.g. Same person, confirmed on the phone',
	description: 'Why they are the same person; kept in the merge audit',
};

export const description = forOperation(
	'merge',
	[
		customerLocator('primaryCustomer', 'Customer to Keep', 'The customer that remains; its traits win where both have one'),
		customerLocator('secondaryCustomer', 'Customer to Merge Into It', 'The duplicate; its identifiers and history move to the customer to keep'),
		note,
	],
	'customer',
);

/** Merges two customers someone knows are one person; audited, and undone by Unmerge. */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const primary = customerIdOf(this, 'primaryCustomer', itemIndex);
	const secondary = customerIdOf(this, 'secondaryCustomer', itemIndex);
	const result = await graph.merge(primary, secondary, text(this, 'note', itemIndex) || undefined);
	return { ...result, customer: await customerJson(graph, result.customerId) };
}
