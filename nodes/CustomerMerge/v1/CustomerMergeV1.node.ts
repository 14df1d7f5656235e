import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { changeEachItem } from '../change-each-item';
import { openCustomerGraph } from '../open-customer-graph';
import { resolveItems } from '../resolve-items';
import { credentialTest } from '../store-credential-test';
import { customerMergeDescription } from '../version-description';
import { customerOperations } from './customer-operations';
import { customerMergeProperties } from './properties';

/** Version 1, as workflows saved before version 2 have it: customers named by their typed ID. */
export class CustomerMergeV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = customerMergeDescription(baseDescription, 1, customerMergeProperties);
	}

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const graph = await openCustomerGraph(this, operation === 'resolve' ? (this.getNodeParameter('options', 0, {}) as IDataObject) : {});
		if (operation === 'resolve') return [await resolveItems(this, graph)];

		const run = customerOperations[operation];
		if (!run) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
		return await changeEachItem(this, async (itemIndex) => await run(this, graph, itemIndex));
	}
}
