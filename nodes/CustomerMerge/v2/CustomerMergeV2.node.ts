import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { STORE_CREDENTIAL } from '../../shared/store';
import { optionSubtitle } from '../../shared/subtitle';
import { credentialTest } from '../store-credential-test';
import { properties } from './actions/node.description';
import { router } from './actions/router';
import { listSearch } from './methods';

/** Version 2: n8n's action layout, and every customer picked from a list searched by any identifier or name. */
export class CustomerMergeV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 2,
			subtitle: optionSubtitle(properties),
			defaults: { name: 'Customer Merge' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			usableAsTool: true,
			credentials: [{ name: STORE_CREDENTIAL, required: false, testedBy: 'omnichannelStoreTest' }],
			properties,
		};
	}

	methods = { credentialTest, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
