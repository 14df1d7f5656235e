import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import { SALESFORCE_JWT_CREDENTIAL, SALESFORCE_OAUTH2_CREDENTIAL } from './transport';

/** The node's credentials: n8n's own, each shown for its authentication. */
export const salesforceCredentials: INodeCredentialDescription[] = [
	{ name: SALESFORCE_OAUTH2_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: SALESFORCE_JWT_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['jwt'] } } },
];

/** The authentication choice, named and valued as in n8n's Salesforce node. */
export const salesforceAuthentication: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2', value: 'oAuth2' },
		{ name: 'OAuth2 JWT', value: 'jwt' },
	],
	default: 'oAuth2',
	description: 'OAuth Authorization Flow',
};

/** Upserts by a Contact field holding the customer id, instead of searching each customer first. */
export const salesforceExternalIdField: INodeProperties = {
	displayName: 'External ID Field',
	name: 'externalIdField',
	type: 'string',
	default: '',
	placeholder: 'Omnichannel_Id__c',
	description:
		'API name of a Contact field marked External ID that holds the customer ID of this package. When set, contacts are created or updated by it, 25 per call, without a search. Leave empty to search by e-mail and phone first.',
};
