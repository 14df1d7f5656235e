import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { canonicalEventSchema, fallbackOnStatus } from '../../../../core';
import { forOperation } from '../../../shared/for-operation';
import type { PolicyStore } from '../../transport';
import { customerIdProperty } from './campaign.descriptions';
import { customerIdOf } from './campaign-request';

export const description = forOperation(
	'fallbackOnStatus',
	[
		{
			displayName:
				"Items must be status events from Customer Merge (after a channel trigger): a failure sends the customer's message on to the next channel at once; a delivery or a read ends its chain and leaves nothing",
			name: 'statusNotice',
			type: 'notice',
			default: '',
		},
		customerIdProperty,
	],
	'message',
);

/**
 * A failed status (WhatsApp undeliverable, Twilio undelivered, an e-mail bounce) moves the
 * customer's latest message on that channel to the next channel: Send Now, Later or Blocked
 * when none is left. Deliveries and reads settle the message and produce no item; so do items
 * that are not statuses, or statuses of messages the policy did not decide.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: PolicyStore): Promise<IDataObject[]> {
	const json = this.getInputData()[itemIndex].json;
	const event = canonicalEventSchema.safeParse(json);
	if (!event.success || event.data.type !== 'status') return [];
	const outcome = await fallbackOnStatus(store.db, customerIdOf(this, itemIndex), event.data);
	if (outcome.action !== 'fell-back') return [];
	return [{ ...json, policy: outcome.decision as unknown as IDataObject }];
}
