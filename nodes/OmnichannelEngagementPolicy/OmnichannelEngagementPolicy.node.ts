import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { credentialTest } from '../CustomerMerge/store-credential-test';
import { STORE_CREDENTIAL } from '../shared/store';
import { OUTPUT_NAMES, properties, subtitle } from './actions/node.description';
import { router } from './actions/router';

/**
 * Campaigns that treat the customer as one person: consent on one channel honoured on all,
 * caps across channels, quiet hours in the customer's time zone, the best channel, and a
 * fallback to the next channel when a message is not delivered.
 */
export class OmnichannelEngagementPolicy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Engagement Policy',
		name: 'omnichannelEngagementPolicy',
		icon: 'file:omnichannelEngagementPolicy.svg',
		group: ['transform'],
		version: 1,
		subtitle,
		description: "Decide for each customer whether, when and on which channel a campaign message goes: consent, frequency caps, quiet hours in the customer's time zone and fallbacks",
		defaults: { name: 'Engagement Policy' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: OUTPUT_NAMES,
		// Not usableAsTool: a campaign decision claims sends and caps, nothing an AI agent should do on a whim.
		credentials: [{ name: STORE_CREDENTIAL, required: false, testedBy: 'omnichannelStoreTest' }],
		properties,
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
