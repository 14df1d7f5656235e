import { NodeOperationError, type IDataObject, type IExecuteFunctions, type ILoadOptionsFunctions } from 'n8n-workflow';
import { DEFAULT_PROTECTION_RULES, type CustomerGraph } from '../../core';
import { customerGraphFor } from '../shared/store';

/**
 * The customer graph of this run: the node's store, with the built-in protection rules and
 * Resolve's options on top of them (extra blocked values, identifiers per kind); a store that
 * can't be opened is a node error that says where to look.
 */
export async function openCustomerGraph(context: IExecuteFunctions | ILoadOptionsFunctions, options: IDataObject = {}): Promise<CustomerGraph> {
	const extraBlocked = String(options.blockedValues ?? '').split(',').map((value) => value.trim().toLowerCase()).filter(Boolean);
	const maxPerKind = options.maxPerKind === undefined ? {} : { email: Number(options.maxPerKind), phone: Number(options.maxPerKind) };
	try {
		return await customerGraphFor(context, { blockedValues: [...DEFAULT_PROTECTION_RULES.blockedValues, ...extraBlocked], maxPerKind });
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { description: 'Check the Omnichannel Store credential, or remove it to use the embedded store.' });
	}
}
