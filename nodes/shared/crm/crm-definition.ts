import type { IExecuteFunctions, ILoadOptionsFunctions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import type { CrmAdapter, CrmKind } from '../../../core/crm';

/** Reads one of the node's parameters, whether the node is running (item 0) or loading a list for the editor. */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

/**
 * What one CRM node gives the shared layer: its name, icon and credentials, and how to build its
 * CrmAdapter from the n8n context. Everything else (the four operations, the customer, the
 * store, the ledger, the output) is the same for every CRM node.
 */
export interface CrmNodeDefinition {
	crm: CrmKind;
	/** The CRM as people call it: "HubSpot", "Salesforce". */
	crmName: string;
	/** The node: "Omnichannel HubSpot", "omnichannelHubSpot", "file:hubspot.svg". */
	displayName: string;
	name: string;
	icon: string;
	/** n8n's own credential types of this CRM, each shown for its Authentication choice. */
	credentials: INodeCredentialDescription[];
	/** Parameters above the operation, such as Authentication. */
	authentication?: INodeProperties[];
	/** Entries of the node's Options collection: an API base URL, … */
	options?: INodeProperties[];
	/** What the CRM's record ids look like, for placeholders. */
	contactIdExample: string;
	adapter(context: IExecuteFunctions | ILoadOptionsFunctions, parameter: ParameterReader): CrmAdapter | Promise<CrmAdapter>;
}
