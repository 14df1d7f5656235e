import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { credentialTest } from '../store-credential-test';
import { customerMergeDescription } from '../version-description';
import { properties } from './actions/node.description';
import { router } from './actions/router';
import { listSearch } from './methods';

/** Version 2: n8n's action layout, and every customer picked from a list searched by any identifier or name. */
export class CustomerMergeV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = customerMergeDescription(baseDescription, 2, properties);
	}

	methods = { credentialTest, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
