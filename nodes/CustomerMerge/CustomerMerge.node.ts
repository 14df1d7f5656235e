import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';
import { warmStoreAtStartup } from '../shared/warm-store';
import { CustomerMergeV1 } from './v1/CustomerMergeV1.node';
import { CustomerMergeV2 } from './v2/CustomerMergeV2.node';

/** The merge node: one customer, one history, across every channel. */
export class CustomerMerge extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Customer Merge',
			name: 'customerMerge',
			icon: 'file:customerMerge.svg',
			group: ['transform'],
			description: 'Recognise the same customer on every channel, merge duplicates and keep one history',
			defaultVersion: 2,
		};
		super({ 1: new CustomerMergeV1(baseDescription), 2: new CustomerMergeV2(baseDescription) }, baseDescription);
		// n8n creates the node type once, as it starts: the store is opened then, not at the first webhook.
		warmStoreAtStartup();
	}
}
