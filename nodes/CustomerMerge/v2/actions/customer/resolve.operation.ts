import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { forOperation } from '../../../../shared/for-operation';
import { defaultCountryProperty, historyLimitProperty, identifyByProperties, resolveOptionsProperty } from '../../../customer-properties';
import { resolveItems } from '../../../resolve-items';
import { resolveGraph } from '../../transport';

export const description = forOperation('resolve', [...identifyByProperties, defaultCountryProperty, historyLimitProperty, resolveOptionsProperty], 'customer');

/**
 * Resolve works on the whole input at once, in batches of one transaction (see resolveItems),
 * not item by item: the router runs it on its own.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [await resolveItems(this, await resolveGraph(this))];
}
