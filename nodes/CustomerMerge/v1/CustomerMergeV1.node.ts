import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { STORE_CREDENTIAL } from '../../shared/store';
import { optionSubtitle } from '../../shared/subtitle';
import { changeEachItem } from '../change-each-item';
import { openCustomerGraph } from '../open-customer-graph';
import { resolveItems } from '../resolve-items';
import { credentialTest } from '../store-credential-test';
import { customerOperations } from './customer-operations';
import { customerMergeProperties } from './properties';

/** Version 1, as workflows saved before version 2 have it: customers named by their typed ID. */
export class CustomerMergeV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 1,
			subtitle: optionSubtitle(customerMergeProperties),
			defaults: { name: 'Customer Merge' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			usableAsTool: true,
			credentials: [{ name: STORE_CREDENTIAL, required: false, testedBy: 'omnichannelStoreTest' }],
			properties: customerMergeProperties,
		};
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
