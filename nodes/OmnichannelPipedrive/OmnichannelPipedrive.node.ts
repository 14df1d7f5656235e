import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { crmNodeDescription, crmNodeMethods, executeCrmNode, type CrmNodeDefinition } from '../shared/crm';
import { PIPEDRIVE_API_TOKEN_CREDENTIAL, PIPEDRIVE_OAUTH2_CREDENTIAL, pipedriveAdapter } from './transport';

const pipedrive: CrmNodeDefinition = {
	crm: 'pipedrive',
	crmName: 'Pipedrive',
	displayName: 'Omnichannel Pipedrive',
	name: 'omnichannelPipedrive',
	icon: 'file:pipedrive.svg',
	contactIdExample: '1024',
	credentials: [
		{ name: PIPEDRIVE_API_TOKEN_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['apiToken'] } } },
		{ name: PIPEDRIVE_OAUTH2_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	],
	authentication: [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'API Token', value: 'apiToken' },
				{ name: 'OAuth2', value: 'oAuth2' },
			],
			default: 'apiToken',
		},
	],
	options: [
		{
			displayName: 'Company Domain',
			name: 'companyDomain',
			type: 'string',
			default: '',
			placeholder: 'acme',
			description: "Your company's Pipedrive address (acme or acme.pipedrive.com), to link each person in the output; OAuth2 connections know it already",
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.pipedrive.com',
			description: "Where Pipedrive's API is reached: leave empty unless you go through a gateway or proxy",
		},
	],
	adapter: (context) => pipedriveAdapter(context),
};

/** The customer's Pipedrive person: found by any identifier, created or updated, the conversation as notes and activities, deleted on request. */
export class OmnichannelPipedrive implements INodeType {
	description: INodeTypeDescription = crmNodeDescription(pipedrive);

	methods = crmNodeMethods(pipedrive);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCrmNode(this, pipedrive);
	}
}
