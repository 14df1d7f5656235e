import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { crmNodeDescription, crmNodeMethods, executeCrmNode, type CrmNodeDefinition } from '../shared/crm';
import { salesforceAuthentication, salesforceCredentials, salesforceExternalIdField } from './descriptions';
import { salesforceAdapter } from './transport';

const salesforce: CrmNodeDefinition = {
	crm: 'salesforce',
	crmName: 'Salesforce',
	displayName: 'Omnichannel Salesforce',
	name: 'omnichannelSalesforce',
	icon: 'file:salesforce.svg',
	contactIdExample: '003Hu00003ABCdeIAH',
	credentials: salesforceCredentials,
	authentication: [salesforceAuthentication],
	options: [salesforceExternalIdField],
	adapter: (context) => salesforceAdapter(context),
};

/** The customer's Salesforce contact or lead: found by any identifier, upserted in composite calls, the conversation as a completed task, deleted on request. */
export class OmnichannelSalesforce implements INodeType {
	description: INodeTypeDescription = crmNodeDescription(salesforce);

	methods = crmNodeMethods(salesforce);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCrmNode(this, salesforce);
	}
}
