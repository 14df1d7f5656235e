import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { HubSpotAdapter, HUBSPOT_API_URL } from '../../core/crm/hubspot';
import { crmNodeDescription, crmNodeMethods, executeCrmNode, type CrmNodeDefinition } from '../shared/crm';
import { n8nHttpClient } from '../shared/n8n-http-client';

/** n8n's own HubSpot credential types: whoever connected HubSpot in n8n needs nothing new. */
const CREDENTIAL_BY_AUTHENTICATION: Record<string, string> = { appToken: 'hubspotAppToken', oAuth2: 'hubspotOAuth2Api' };

const hubspot: CrmNodeDefinition = {
	crm: 'hubspot',
	crmName: 'HubSpot',
	displayName: 'Omnichannel HubSpot',
	name: 'omnichannelHubSpot',
	icon: 'file:hubspot.svg',
	contactIdExample: '51234567890',
	credentials: [
		{ name: 'hubspotAppToken', required: true, displayOptions: { show: { authentication: ['appToken'] } } },
		{ name: 'hubspotOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	],
	authentication: [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'APP Token', value: 'appToken' },
				{ name: 'OAuth2', value: 'oAuth2' },
			],
			default: 'appToken',
		},
	],
	options: [
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: HUBSPOT_API_URL,
			description: "Where HubSpot's API is reached: change it only to go through a gateway or proxy",
		},
	],
	adapter(context, parameter) {
		const credentialType = CREDENTIAL_BY_AUTHENTICATION[String(parameter('authentication', 'appToken'))] ?? 'hubspotAppToken';
		return new HubSpotAdapter({ http: n8nHttpClient(context, credentialType), baseUrl: String(parameter('options.apiBaseUrl', '') || HUBSPOT_API_URL) });
	},
};

/** The customer's HubSpot contact: found by any identifier, upserted in batches, the conversation on its timeline, erased on request. */
export class OmnichannelHubSpot implements INodeType {
	description: INodeTypeDescription = crmNodeDescription(hubspot);

	methods = crmNodeMethods(hubspot);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCrmNode(this, hubspot);
	}
}
