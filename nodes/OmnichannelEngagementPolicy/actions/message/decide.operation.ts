import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { forOperation } from '../../../shared/for-operation';
import type { PolicyStore } from '../../transport';
import { campaignProperties } from './campaign.descriptions';
import { campaignRequestOf, customerIdOf } from './campaign-request';

export const description = forOperation('decide', campaignProperties, 'message');

/**
 * One customer's message: Send Now (`policy` holds the channel, route, recipient and the
 * message in the form that channel takes), Later (`policy.sendAt`, for a Wait node's "until
 * date"; send the item back here after it) or Blocked (`policy.reason` in words, `policy.code`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: PolicyStore): Promise<IDataObject> {
	const customerId = customerIdOf(this, itemIndex);
	const request = campaignRequestOf(this, itemIndex);
	const decision = await store.policy.decide(customerId, request);
	return { ...this.getInputData()[itemIndex].json, policy: decision as unknown as IDataObject };
}
