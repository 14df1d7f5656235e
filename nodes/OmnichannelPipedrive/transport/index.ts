import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { PipedriveAdapter, type PipedriveConfig } from '../../../core/crm/pipedrive';
import { n8nHttpClient } from '../../shared/n8n-http-client';

/**
 * n8n's own Pipedrive credential types, so that a Pipedrive already connected in n8n needs
 * nothing new: the API token (n8n adds it as the api_token query parameter) or OAuth2 (Bearer),
 * chosen by an `authentication` parameter as n8n's Pipedrive node does.
 */
export const PIPEDRIVE_API_TOKEN_CREDENTIAL = 'pipedriveApi';
export const PIPEDRIVE_OAUTH2_CREDENTIAL = 'pipedriveOAuth2Api';

export type PipedriveAuthentication = 'apiToken' | 'oAuth2';

export const PIPEDRIVE_CREDENTIALS: Record<PipedriveAuthentication, string> = {
	apiToken: PIPEDRIVE_API_TOKEN_CREDENTIAL,
	oAuth2: PIPEDRIVE_OAUTH2_CREDENTIAL,
};

/** The node's Options that reach the adapter: both optional. */
export interface PipedriveNodeOptions {
	/** Another API address: a gateway, or a test server. */
	baseUrl?: string;
	/** The company's Pipedrive address ("acme" or acme.pipedrive.com), to link persons when the API token is used. */
	companyDomain?: string;
}

/**
 * Where the company's API is: an override from the node's options, else the API domain Pipedrive
 * gives with OAuth2 tokens (https://<company>.pipedrive.com), else Pipedrive's shared API address.
 * That same domain names the company for links to its persons.
 */
export function pipedriveAddress(credentials: ICredentialDataDecryptedObject, options: PipedriveNodeOptions): Pick<PipedriveConfig, 'baseUrl' | 'companyDomain'> {
	const token = credentials.oauthTokenData as { api_domain?: unknown } | undefined;
	const apiDomain = typeof token?.api_domain === 'string' && token.api_domain.trim() ? token.api_domain.trim() : undefined;
	const baseUrl = options.baseUrl?.trim() || apiDomain;
	const companyDomain = options.companyDomain?.trim() || apiDomain;
	return { ...(baseUrl ? { baseUrl } : {}), ...(companyDomain ? { companyDomain } : {}) };
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** Load-options functions (the field mapping's list) read parameters without an item. */
function parameter<T>(context: Context, name: string, itemIndex: number, fallback: T): T {
	return ('getInputData' in context ? context.getNodeParameter(name, itemIndex, fallback) : (context as ILoadOptionsFunctions).getNodeParameter(name, fallback)) as T;
}

/** The Pipedrive adapter of the node's credential, for the item at itemIndex. */
export async function pipedriveAdapter(context: Context, itemIndex = 0): Promise<PipedriveAdapter> {
	const authentication = parameter<PipedriveAuthentication>(context, 'authentication', itemIndex, 'apiToken');
	const credentialType = PIPEDRIVE_CREDENTIALS[authentication] ?? PIPEDRIVE_API_TOKEN_CREDENTIAL;
	const credentials = await context.getCredentials(credentialType, itemIndex);
	const options = parameter<PipedriveNodeOptions>(context, 'options', itemIndex, {});
	return new PipedriveAdapter({ http: n8nHttpClient(context, credentialType), ...pipedriveAddress(credentials, options) });
}
