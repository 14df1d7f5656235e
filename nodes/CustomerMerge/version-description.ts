import { NodeConnectionTypes, type INodeProperties, type INodeTypeBaseDescription, type INodeTypeDescription } from 'n8n-workflow';
import { STORE_CREDENTIAL } from '../shared/store';
import { optionSubtitle } from '../shared/subtitle';

/** What every version of Customer Merge describes alike; only the version and its parameters differ. */
export function customerMergeDescription(base: INodeTypeBaseDescription, version: number, properties: INodeProperties[]): INodeTypeDescription {
	return {
		...base,
		version,
		subtitle: optionSubtitle(properties),
		defaults: { name: 'Customer Merge' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: STORE_CREDENTIAL, required: false, testedBy: 'omnichannelStoreTest' }],
		properties,
	};
}
