import type { IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { findCustomerProperties } from './common.descriptions';
import { findCustomer } from './customer-parameters';

export const description = forOperation(
	'getConsent',
	[
		...findCustomerProperties('The customer whose consent to get'),
		{
			displayName: 'Include Trail',
			name: 'includeTrail',
			type: 'boolean',
			default: false,
			description: 'Whether to add every change, oldest first, with its source and evidence: the audit trail LGPD and GDPR ask for',
		},
	],
	'customer',
);

/** The customer's consent now: the latest change of each channel and purpose; and the trail when asked. */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const { id, lookedFor } = await findCustomer(this, graph, itemIndex);
	const consents = id ? await graph.consents(id) : undefined;
	if (!consents) return { found: false, message: `No customer with ${lookedFor}` };
	const trail = this.getNodeParameter('includeTrail', itemIndex, false) === true;
	return { found: true, customerId: consents.customerId, consent: consents.current.map(({ customerId: _, ...change }) => change), ...(trail ? { trail: consents.trail.map(({ customerId: _, ...change }) => change) } : {}) };
}
