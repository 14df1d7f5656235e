import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { UnknownCustomerError, type EngagementItem } from '../../../../core';
import { forOperation } from '../../../shared/for-operation';
import type { PolicyStore } from '../../transport';
import { decideInBatches } from '../decision-outputs';
import { campaignProperties } from './campaign.descriptions';
import { campaignRequestOf, customerIdOf } from './campaign-request';

export const description = forOperation('decide', campaignProperties, 'message');

/** How many items are decided in one transaction: their customers locked, read and claimed at once. */
export const DECIDE_BATCH_SIZE = 500;

/**
 * Each customer's message: Send Now (`policy` holds the channel, route, recipient and the
 * message in the form that channel takes), Later (`policy.sendAt`, for a Wait node's "until
 * date"; send the item back here after it) or Blocked (`policy.reason` in words, `policy.code`).
 * The items are decided in batches, each in one transaction.
 */
export async function execute(this: IExecuteFunctions, store: PolicyStore): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const read = (itemIndex: number) => ({ itemIndex, customerId: customerIdOf(this, itemIndex), request: campaignRequestOf(this, itemIndex) });
	return await decideInBatches(this, DECIDE_BATCH_SIZE, read, async (inputs: (EngagementItem & { itemIndex: number })[], { stopAtFirstError }) => {
		try {
			const outcomes = await store.policy.decideMany(inputs, Date.now(), { failOnUnknownCustomer: stopAtFirstError });
			return outcomes.map((outcome, position) =>
				'error' in outcome ? outcome.error : { ...items[inputs[position].itemIndex].json, policy: outcome.decision as unknown as IDataObject },
			);
		} catch (error) {
			if (!(error instanceof UnknownCustomerError)) throw error;
			// The item whose customer is unknown: the one the node's error names.
			const itemIndex = inputs.find((input) => input.customerId.trim() === error.customerId)?.itemIndex;
			throw new NodeOperationError(this.getNode(), error.message, { itemIndex });
		}
	});
}
