import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { countCustomers, CustomerOperationError, DEFAULT_PROTECTION_RULES, openStore } from '../../core';
import { customerGraphFor, STORE_CREDENTIAL, storeConfigFromCredential } from '../shared/store';
import { customerOperations } from './customer-operations';
import { customerMergeProperties } from './properties';
import { resolveItems } from './resolve-items';
import { optionSubtitle } from '../shared/subtitle';
import { warmStoreAtStartup } from '../shared/warm-store';

/** The merge node: one customer, one history, across every channel. */
export class CustomerMerge implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Customer Merge',
		name: 'customerMerge',
		icon: 'file:customerMerge.svg',
		group: ['transform'],
		version: 1,
		subtitle: optionSubtitle(customerMergeProperties),
		description: 'Recognise the same customer on every channel, merge duplicates and keep one history',
		defaults: { name: 'Customer Merge' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: STORE_CREDENTIAL, required: false, testedBy: 'omnichannelStoreTest' }],
		properties: customerMergeProperties,
	};

	constructor() {
		// n8n creates the node type once, as it starts: the store is opened then, not at the first webhook.
		warmStoreAtStartup();
	}

	methods = {
		credentialTest: {
			async omnichannelStoreTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				try {
					const db = await openStore(storeConfigFromCredential(credential.data ?? {}));
					return { status: 'OK', message: `Connected: ${await countCustomers(db)} customers` };
				} catch (error) {
					return { status: 'Error', message: (error as Error).message };
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const options = operation === 'resolve' ? (this.getNodeParameter('options', 0, {}) as IDataObject) : {};
		const extraBlocked = String(options.blockedValues ?? '').split(',').map((value) => value.trim().toLowerCase()).filter(Boolean);
		const maxPerKind = options.maxPerKind === undefined ? {} : { email: Number(options.maxPerKind), phone: Number(options.maxPerKind) };
		let graph;
		try {
			graph = await customerGraphFor(this, { blockedValues: [...DEFAULT_PROTECTION_RULES.blockedValues, ...extraBlocked], maxPerKind });
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, { description: 'Check the Omnichannel Store credential, or remove it to use the embedded store.' });
		}
		if (operation === 'resolve') return [await resolveItems(this, graph)];

		const run = customerOperations[operation];
		if (!run) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			try {
				output.push({ json: await run(this, graph, itemIndex), pairedItem: { item: itemIndex } });
			} catch (error) {
				const message = (error as Error).message;
				if (this.continueOnFail()) {
					output.push({ json: { error: message }, pairedItem: { item: itemIndex } });
					continue;
				}
				if (error instanceof NodeOperationError) throw error;
				throw new NodeOperationError(this.getNode(), message, {
					itemIndex,
					description: error instanceof CustomerOperationError ? undefined : 'The store could not carry this out; nothing was changed.',
				});
			}
		}
		return [output];
	}
}
