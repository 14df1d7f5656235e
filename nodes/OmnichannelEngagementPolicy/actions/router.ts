import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { policyStore, type PolicyStore } from '../transport';
import { decideEachItem, sortDecisions } from './decision-outputs';
import * as message from './message/Message.resource';

/** The Fallback Sweep runs once, whatever the input; Decide decides its items in batches; Fall Back on Failed Status acts item by item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const store = await policyStore.connect(this);
	if (operation === 'fallbackSweep') return sortDecisions(await message.fallbackSweep.execute.call(this, store));
	if (operation === 'decide') return await message.decide.execute.call(this, store);
	const operations: Record<string, (this: IExecuteFunctions, itemIndex: number, store: PolicyStore) => Promise<IDataObject | IDataObject[]>> = {
		fallbackOnStatus: message.fallbackOnStatus.execute,
	};
	const action = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (!action) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	return await decideEachItem(this, async (itemIndex) => await action.call(this, itemIndex, store));
}
