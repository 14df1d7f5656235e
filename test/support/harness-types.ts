/** The options and results of the harness runners (see n8n-harness.ts). */
import type {
	ExecutionError,
	ExecutionStatus,
	IBinaryData,
	IConnections,
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWebhookResponseData,
	IWorkflowSettings,
	WebhookSetupMethodNames,
	WebhookType,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import type { IncomingHttpHeaders } from 'node:http';

import type { CredentialsMap, CredentialTypesInput } from './credentials-helper';

export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

/** A workflow node; everything but name and type has a sensible default. */
export type HarnessNode = Omit<INode, 'id' | 'typeVersion' | 'position' | 'parameters'> &
	Partial<Pick<INode, 'id' | 'typeVersion' | 'position' | 'parameters'>>;

/** Binary input for the start node; Buffers are stored via n8n's `prepareBinaryData`. */
export interface HarnessBinaryInput {
	data: Buffer;
	mimeType?: string;
	fileName?: string;
}

export interface HarnessInputItem {
	json: IDataObject;
	binary?: Record<string, HarnessBinaryInput | IBinaryData>;
}

export interface RunWorkflowOptions {
	/** Node type name (as used in `HarnessNode.type`) -> implementation. */
	nodeTypes: NodeTypeMap;
	nodes: HarnessNode[];
	/**
	 * n8n connections. Connect from `START_NODE_NAME` to feed the input items;
	 * when no connection leaves the start node it is connected to the first node.
	 */
	connections?: IConnections;
	/** Credential type name -> decrypted data. Nodes get them attached automatically. */
	credentials?: CredentialsMap;
	/** Credential type definitions; needed for `authenticate` / `preAuthentication`. */
	credentialTypes?: CredentialTypesInput;
	/** Items the start node emits (default: one empty item). */
	items?: HarnessInputItem[];
	/** Workflow static data; pass the same object to several runs to persist it. */
	staticData?: IDataObject;
	settings?: IWorkflowSettings;
	/** Execution mode (default `manual`). */
	mode?: WorkflowExecuteMode;
}

export interface WorkflowRunResult {
	/** The full IRun returned by WorkflowExecute. */
	run: IRun;
	runData: IRunData;
	status: ExecutionStatus;
	/** The execution error when the workflow failed (node threw without continueOnFail). */
	error: ExecutionError | undefined;
	/** Node names in the order their execution finished. */
	executedNodes: string[];
	/** The workflow static data after the run. */
	staticData: IDataObject;
	/** Items of one output of a node; throws when the node did not run. */
	outputOf(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** `json` of `outputOf(...)`. */
	jsonOf(nodeName: string, outputIndex?: number, runIndex?: number): IDataObject[];
	/** The error n8n recorded on a node's run, if any. */
	nodeError(nodeName: string, runIndex?: number): ExecutionError | undefined;
}

export interface WebhookTestRequest {
	method: IHttpRequestMethods | string;
	headers?: Record<string, string | string[]>;
	/** Exact bytes sent; the node sees them as `req.rawBody`. */
	rawBody?: Buffer | string;
	query?: Record<string, string | string[]>;
	/** Route parameters (`req.params`), for webhook paths such as `:id`. */
	params?: Record<string, string>;
	/** URL path; defaults to the node's production webhook path. */
	path?: string;
}

export interface SingleNodeOptions {
	nodeType: INodeType | IVersionedNodeType;
	parameters?: INodeParameters;
	credentials?: CredentialsMap;
	credentialTypes?: CredentialTypesInput;
	/** Workflow static data; pass the same object between calls to persist it. */
	staticData?: IDataObject;
	nodeName?: string;
	typeVersion?: number;
	/** The node's webhookId (part of its webhook URL). */
	webhookId?: string;
	mode?: WorkflowExecuteMode;
	/** Production webhook base URL (default http://localhost:5678/webhook). */
	webhookBaseUrl?: string;
}

export interface RunWebhookOptions extends SingleNodeOptions {
	request: WebhookTestRequest;
	webhookName?: WebhookType;
}

export interface WebhookRunResult {
	statusCode: number;
	headers: IncomingHttpHeaders;
	/** Parsed JSON when the response is JSON, a string otherwise, undefined when empty. */
	responseBody: unknown;
	rawResponseBody: Buffer;
	/** `workflowData` returned by the node: what would start an execution, or undefined. */
	items: INodeExecutionData[][] | undefined;
	/** What `webhook()` returned (undefined when it threw). */
	webhookResult: IWebhookResponseData | undefined;
	/** Set when `webhook()` threw; n8n then answers 500. */
	error: Error | undefined;
	staticData: IDataObject;
	webhookUrl: string | undefined;
}

export interface RunWebhookLifecycleOptions extends SingleNodeOptions {
	method: WebhookSetupMethodNames;
	webhookName?: WebhookType;
	activation?: WorkflowActivateMode;
}

export interface WebhookLifecycleResult {
	result: boolean;
	webhookUrl: string | undefined;
	staticData: IDataObject;
}
