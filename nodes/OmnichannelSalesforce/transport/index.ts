import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { createSalesforceAdapter, type SalesforceJwtCredential } from '../../../core/crm/salesforce';
import { CrmError, type CrmAdapter } from '../../../core/crm/types';
import { n8nHttpClient } from '../../shared/n8n-http-client';
import { jwtHttpClient, jwtSession } from './jwt-session';

/** n8n's own Salesforce credentials: whoever connected Salesforce in n8n needs nothing new. */
export const SALESFORCE_OAUTH2_CREDENTIAL = 'salesforceOAuth2Api';
export const SALESFORCE_JWT_CREDENTIAL = 'salesforceJwtApi';

/** The values of the node's `authentication` parameter, as n8n's Salesforce node names them. */
export type SalesforceAuthentication = 'oAuth2' | 'jwt';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** A parameter of the node, for an item when executing, or as set while the editor loads options. */
function parameter(context: Context, name: string, itemIndex: number, fallback: string): string {
	const value = 'getInputData' in context ? context.getNodeParameter(name, itemIndex, fallback) : context.getNodeParameter(name, fallback);
	return typeof value === 'string' ? value.trim() : fallback;
}

function jwtCredential(credential: ICredentialDataDecryptedObject): SalesforceJwtCredential {
	const text = (name: string) => (typeof credential[name] === 'string' ? (credential[name] as string) : '');
	return { environment: text('environment') || 'production', clientId: text('clientId'), username: text('username'), privateKey: text('privateKey'), myDomainUrl: text('myDomainUrl') || undefined };
}

/**
 * The Salesforce adapter of the node's credential: with OAuth2 n8n signs each request and
 * refreshes the token, and the org's address is the one the token answer gave; with JWT the
 * package signs in itself, as n8n's Salesforce node does. Reads the optional `options.externalIdField`
 * and `defaultCountry` parameters.
 */
export async function salesforceAdapter(context: Context, itemIndex = 0): Promise<CrmAdapter> {
	const authentication = parameter(context, 'authentication', itemIndex, 'oAuth2') as SalesforceAuthentication;
	const options = {
		externalIdField: parameter(context, 'options.externalIdField', itemIndex, '') || undefined,
		defaultCountry: parameter(context, 'defaultCountry', itemIndex, '') || undefined,
	};
	if (authentication === 'jwt') {
		const credential = jwtCredential(await context.getCredentials(SALESFORCE_JWT_CREDENTIAL, itemIndex));
		const plain = n8nHttpClient(context);
		const session = await jwtSession(plain, credential);
		return createSalesforceAdapter({ http: jwtHttpClient(plain, credential, session), instanceUrl: session.instanceUrl, ...options });
	}
	const credential = await context.getCredentials(SALESFORCE_OAUTH2_CREDENTIAL, itemIndex);
	const instanceUrl = (credential.oauthTokenData as { instance_url?: unknown } | undefined)?.instance_url;
	if (typeof instanceUrl !== 'string' || !instanceUrl) {
		throw new CrmError('salesforce', 'The Salesforce OAuth2 credential is not connected to an org yet', {
			hint: 'Open the credential and click "Connect my account", then sign in to Salesforce.',
		});
	}
	return createSalesforceAdapter({ http: n8nHttpClient(context, SALESFORCE_OAUTH2_CREDENTIAL), instanceUrl, ...options });
}
