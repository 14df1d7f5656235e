import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Channel, ConsentPurpose, ConsentState, CustomerGraph } from '../../../../../core';
import { CHANNEL_OPTIONS } from '../../../../shared/channel-options';
import { forOperation } from '../../../../shared/for-operation';
import { text } from '../../../item-parameters';
import { findCustomerProperties } from './common.descriptions';
import { CONSENT_PURPOSE_OPTIONS, CONSENT_STATE_OPTIONS } from './consent-properties';
import { findCustomer } from './customer-parameters';

const properties: INodeProperties[] = [
	...findCustomerProperties('The customer whose consent changes'),
	{ displayName: 'Channel', name: 'consentChannel', type: 'options', options: CHANNEL_OPTIONS, default: 'whatsapp' },
	{ displayName: 'Purpose', name: 'consentPurpose', type: 'options', options: CONSENT_PURPOSE_OPTIONS, default: 'marketing' },
	{ displayName: 'State', name: 'consentState', type: 'options', options: CONSENT_STATE_OPTIONS, default: 'subscribed' },
	{
		displayName: 'Evidence',
		name: 'evidence',
		type: 'string',
		default: '',
		placeholder: 'e.g. Opted in on the checkout form, order 4821',
		description: 'What proves the change, kept in the audit trail LGPD and GDPR ask for. Empty: the workflow and node that made it.',
	},
	{
		displayName: 'Changed At',
		name: 'changedAt',
		type: 'dateTime',
		default: '',
		description: 'When the customer gave or withdrew consent, if not now (e.g. the time of the form)',
	},
];

export const description = forOperation('setConsent', properties, 'customer');

/** Records a consent change the team knows of (a form, a call, a letter), with its evidence and source "operation". */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const { id, lookedFor } = await findCustomer(this, graph, itemIndex);
	if (!id) {
		throw new NodeOperationError(this.getNode(), `No customer with ${lookedFor}`, {
			itemIndex,
			description: 'Resolve the customer first (Resolve Customer), or pick an existing one.',
		});
	}
	const changedAt = text(this, 'changedAt', itemIndex);
	if (changedAt && Number.isNaN(Date.parse(changedAt))) throw new NodeOperationError(this.getNode(), `"${changedAt}" is not a date: use e.g. 2026-11-01T09:30:00Z`, { itemIndex });
	const change = await graph.changeConsent(id, {
		channel: this.getNodeParameter('consentChannel', itemIndex) as Channel,
		purpose: this.getNodeParameter('consentPurpose', itemIndex) as ConsentPurpose,
		state: this.getNodeParameter('consentState', itemIndex) as ConsentState,
		source: 'operation',
		evidence: text(this, 'evidence', itemIndex) || `n8n workflow "${this.getWorkflow().name ?? this.getWorkflow().id}", node "${this.getNode().name}"`,
		changedAt: new Date(changedAt ? Date.parse(changedAt) : Date.now()).toISOString(),
	});
	const { customerId, ...recorded } = change;
	return { customerId, change: recorded, consent: ((await graph.consents(customerId))?.current ?? []).map(({ customerId: _, ...now }) => now) };
}
