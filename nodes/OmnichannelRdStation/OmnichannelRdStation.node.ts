import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import type { RdStationProduct } from '../../core/crm/rdstation';
import { crmNodeDescription, crmNodeMethods, executeCrmNode, type CrmNodeDefinition } from '../shared/crm';
import { RD_STATION_CRM_CREDENTIAL, RD_STATION_MARKETING_CREDENTIAL } from './credential';
import { rdStationAdapter } from './transport';

const rdStation: CrmNodeDefinition = {
	crm: 'rdstation',
	crmName: 'RD Station',
	displayName: 'Omnichannel RD Station',
	name: 'omnichannelRdStation',
	icon: 'file:rdStation.svg',
	contactIdExample: 'crm:5f8a1b2c3d4e5f0012345678',
	credentials: [
		{ name: RD_STATION_CRM_CREDENTIAL, required: true, displayOptions: { show: { product: ['crm'] } } },
		{ name: RD_STATION_MARKETING_CREDENTIAL, required: true, displayOptions: { show: { product: ['marketing'] } } },
	],
	authentication: [
		{
			displayName: 'Product',
			name: 'product',
			type: 'options',
			options: [
				{ name: 'RD Station CRM', value: 'crm', description: 'Contacts, and activities on their open deals' },
				{ name: 'RD Station Marketing', value: 'marketing', description: 'Leads by e-mail, and conversions' },
			],
			default: 'crm',
			description: 'Contact IDs say which product they come from (crm:… or marketing:…), so one customer can be in both',
		},
	],
	options: [
		{
			displayName: 'Activity Text Field (Marketing)',
			name: 'activityTextField',
			type: 'string',
			default: '',
			placeholder: 'cf_last_conversation',
			description: "RD Station Marketing has no timeline text: the contact's custom field (cf_…) that receives what Log Conversation logs. Leave empty to log the conversion alone.",
		},
	],
	adapter: (context, parameter) =>
		rdStationAdapter(context, String(parameter('product', 'crm')) as RdStationProduct, undefined, {
			activityTextField: String(parameter('options.activityTextField', '') || '') || undefined,
		}),
};

/** The customer's RD Station contact, in the CRM or in Marketing: found, upserted, the conversation logged, erased on request. */
export class OmnichannelRdStation implements INodeType {
	description: INodeTypeDescription = crmNodeDescription(rdStation);

	methods = crmNodeMethods(rdStation);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCrmNode(this, rdStation);
	}
}
