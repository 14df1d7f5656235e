import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sweepUnconfirmed, type DeliveryConfirmation } from '../../../../core';
import { forOperation } from '../../../shared/for-operation';
import type { PolicyStore } from '../../transport';

export const description = forOperation(
	'fallbackSweep',
	[
		{
			displayName: 'Runs once per execution, whatever comes in: put it after a Schedule Trigger (every few minutes) and connect Send Now to the channel senders',
			name: 'sweepNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'No Delivery After (Minutes)',
			name: 'afterMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'A message without a delivery this long after it was sent goes on to the next channel',
		},
		{
			displayName: 'Delivered Means',
			name: 'confirmation',
			type: 'options',
			options: [
				{ name: 'Delivered or Read', value: 'delivered' },
				{ name: 'Read', value: 'read', description: 'Only a read receipt ends the chain (channels without read receipts always fall back)' },
			],
			default: 'delivered',
		},
		{
			displayName: 'Max Messages per Run',
			name: 'maxMessages',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 500,
			description: 'The oldest are taken first; the rest wait for the next run',
		},
	],
	'message',
);

/** Every message with no delivery after the minutes given, moved on to its next channel: one item each. */
export async function execute(this: IExecuteFunctions, store: PolicyStore): Promise<IDataObject[]> {
	const result = await sweepUnconfirmed(store.db, {
		afterMinutes: Number(this.getNodeParameter('afterMinutes', 0, 30)),
		confirmation: this.getNodeParameter('confirmation', 0, 'delivered') as DeliveryConfirmation,
		limit: Number(this.getNodeParameter('maxMessages', 0, 500)),
	});
	return result.fellBack.map(({ decision }) => ({ customer: { id: decision.customerId }, policy: decision as unknown as IDataObject }));
}
