/**
 * Runs nodes through n8n-core's real execution engine inside jest.
 *
 * - `runWorkflow`: builds a `Workflow` and executes it with `WorkflowExecute`
 *   (credentials, expressions, continueOnFail, pairedItem, binary data... all
 *   handled by n8n itself).
 * - `runWebhook`: sends a real HTTP request to a one-off local server and lets a
 *   trigger node's `webhook()` answer it through n8n's `WebhookContext`.
 * - `runWebhookLifecycle`: calls `webhookMethods.<name>.checkExists|create|delete`
 *   with n8n's `HookContext`, as n8n does when a workflow is (de)activated.
 */
import './n8n-env';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	BinaryDataService,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	HookContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ExecutionStatus,
	type IBinaryData,
	type IBinaryKeyData,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INode,
	type INodeCredentials,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRun,
	type IRunData,
	type IVersionedNodeType,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
	type WebhookSetupMethodNames,
	type WebhookType,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import type { IncomingHttpHeaders } from 'node:http';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

import {
	HarnessCredentialsHelper,
	toCredentialTypeMap,
	type CredentialsMap,
	type CredentialTypesInput,
} from './credentials-helper';
import { exchange, toWebhookRequest, toWebhookResponse } from './webhook-http';

export { HarnessCredentialsHelper } from './credentials-helper';
export type { WebhookHttpRequest, WebhookHttpResponse } from './webhook-http';

/** Name of the start node the harness adds to every `runWorkflow` workflow. */
export const START_NODE_NAME = 'Start';
const START_NODE_TYPE = 'n8nHarness.start';
const WORKFLOW_ID = 'harness-workflow';
const EXECUTION_ID = 'harness-execution';
const INSTANCE_BASE_URL = 'http://localhost:5678';

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

/** The Logger n8n hands to nodes as `this.logger` (spy on it to assert logging). */
export function getLogger(): Logger {
	return Container.get(Logger);
}

/** Reads binary data the way nodes do (`helpers.getBinaryDataBuffer`). */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** Linear main connections: chain('Start', 'A', 'B') connects Start -> A -> B. */
export function chain(...nodeNames: string[]): IConnections {
	const connections: IConnections = {};
	for (let index = 0; index < nodeNames.length - 1; index++) {
		connections[nodeNames[index]] = {
			main: [[{ node: nodeNames[index + 1], type: NodeConnectionTypes.Main, index: 0 }]],
		};
	}
	return connections;
}

class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: NodeTypeMap) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (type === undefined) {
			throw new Error(`Unknown node type "${nodeType}": add it to the harness "nodeTypes"`);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}
}

function isVersioned(type: INodeType | IVersionedNodeType): type is IVersionedNodeType {
	return 'nodeVersions' in type;
}

function defaultVersion(type: INodeType | IVersionedNodeType): number {
	if (isVersioned(type)) return type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** Attaches every given credential the node type declares, as n8n stores them on nodes. */
function attachCredentials(
	description: INodeTypeDescription,
	credentials: CredentialsMap,
	existing: INodeCredentials | undefined,
): INodeCredentials | undefined {
	const attached: INodeCredentials = { ...existing };
	for (const { name } of description.credentials ?? []) {
		if (credentials[name] !== undefined && attached[name] === undefined) {
			attached[name] = { id: `${name}-test-id`, name: `${name} (test)` };
		}
	}
	return Object.keys(attached).length > 0 ? attached : undefined;
}

function toNode(
	node: HarnessNode,
	index: number,
	registry: HarnessNodeTypes,
	credentials: CredentialsMap,
): INode {
	const type = registry.getByName(node.type);
	const typeVersion = node.typeVersion ?? defaultVersion(type);
	const { description } = registry.getByNameAndVersion(node.type, typeVersion);
	return {
		...node,
		id: node.id ?? `node-${index + 1}`,
		typeVersion,
		position: node.position ?? [(index + 1) * 200, 0],
		parameters: node.parameters ?? {},
		credentials: attachCredentials(description, credentials, node.credentials),
	};
}

function isBinaryInput(value: HarnessBinaryInput | IBinaryData): value is HarnessBinaryInput {
	return Buffer.isBuffer(value.data);
}

/** The start node: emits the test items; Buffers become n8n binary data via prepareBinaryData. */
function createStartNodeType(items: HarnessInputItem[]): INodeType {
	return {
		description: {
			displayName: 'Test Start',
			name: START_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Emits the input items of a test run',
			defaults: { name: START_NODE_NAME },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const output: INodeExecutionData[] = [];
			for (const item of items) {
				const outputItem: INodeExecutionData = { json: item.json, pairedItem: { item: 0 } };
				if (item.binary !== undefined) {
					const binary: IBinaryKeyData = {};
					for (const [key, value] of Object.entries(item.binary)) {
						binary[key] = isBinaryInput(value)
							? await this.helpers.prepareBinaryData(value.data, value.fileName, value.mimeType)
							: value;
					}
					outputItem.binary = binary;
				}
				output.push(outputItem);
			}
			return [output];
		},
	};
}

interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	hooks?: ExecutionLifecycleHooks;
	webhookBaseUrl?: string;
}

/**
 * The per-execution services n8n passes around. Only what node execution needs
 * is real; sub-workflows, task runners and AI features are not available.
 */
function createAdditionalData({
	credentialsHelper,
	hooks,
	webhookBaseUrl,
}: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const unsupported = (feature: string) => async (): Promise<never> => {
		throw new Error(`${feature} is not supported by the test harness`);
	};
	return {
		credentialsHelper,
		hooks,
		// Left undefined on purpose: with an execution id n8n-core expects a stored
		// execution (and a runner identity) behind it.
		executionId: undefined,
		encryptedRunnerIdentity: undefined,
		executeWorkflow: unsupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('Running code in a task runner'),
		logAiEvent: () => {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		currentNodeExecutionIndex: 0,
		variables: {},
		instanceBaseUrl: INSTANCE_BASE_URL,
		restApiUrl: `${INSTANCE_BASE_URL}/rest`,
		webhookBaseUrl: webhookBaseUrl ?? `${INSTANCE_BASE_URL}/webhook`,
		webhookTestBaseUrl: `${INSTANCE_BASE_URL}/webhook-test`,
		webhookWaitingBaseUrl: `${INSTANCE_BASE_URL}/webhook-waiting`,
		formBaseUrl: `${INSTANCE_BASE_URL}/form`,
		formTestBaseUrl: `${INSTANCE_BASE_URL}/form-test`,
		formWaitingBaseUrl: `${INSTANCE_BASE_URL}/form-waiting`,
		mcpBaseUrl: `${INSTANCE_BASE_URL}/mcp`,
		mcpTestBaseUrl: `${INSTANCE_BASE_URL}/mcp-test`,
	};
}

function withStartConnection(connections: IConnections, nodes: INode[]): IConnections {
	if (connections[START_NODE_NAME] !== undefined || nodes.length === 0) return connections;
	return { ...chain(START_NODE_NAME, nodes[0].name), ...connections };
}

/** Executes a workflow (start node + `nodes`) with n8n-core's WorkflowExecute. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	const credentials = options.credentials ?? {};
	const registry = new HarnessNodeTypes({
		...options.nodeTypes,
		[START_NODE_TYPE]: createStartNodeType(options.items ?? [{ json: {} }]),
	});
	const userNodes = options.nodes.map((node, index) => toNode(node, index, registry, credentials));
	const startNode: INode = {
		id: 'node-start',
		name: START_NODE_NAME,
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes = [startNode, ...userNodes];
	const connections = withStartConnection(options.connections ?? {}, userNodes);
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...options.settings };
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Test workflow',
		nodes,
		connections,
		active: false,
		nodeTypes: registry,
		staticData: options.staticData,
		settings,
	});

	const mode = options.mode ?? 'manual';
	const workflowData = {
		id: WORKFLOW_ID,
		name: 'Test workflow',
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, EXECUTION_ID, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});

	const additionalData = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper(
			credentials,
			toCredentialTypeMap(options.credentialTypes),
		),
		hooks,
	});

	const start = workflow.getNode(START_NODE_NAME);
	if (start === null) throw new Error('The start node is missing from the workflow');
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});

	const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	const runData = run.data.resultData.runData;
	const error = run.data.resultData.error;

	const outputOf = (nodeName: string, outputIndex = 0, runIndex = 0): INodeExecutionData[] => {
		const task = runData[nodeName]?.[runIndex];
		if (task === undefined) {
			const reason = error === undefined ? '' : ` (workflow error: ${error.message})`;
			throw new Error(
				`Node "${nodeName}" has no run #${runIndex}${reason}; nodes that ran: ${Object.keys(runData).join(', ')}`,
			);
		}
		return task.data?.[NodeConnectionTypes.Main]?.[outputIndex] ?? [];
	};

	return {
		run,
		runData,
		status: run.status,
		error,
		executedNodes,
		staticData: options.staticData ?? (workflow.staticData as IDataObject),
		outputOf,
		jsonOf: (nodeName, outputIndex, runIndex) =>
			outputOf(nodeName, outputIndex, runIndex).map((item) => item.json),
		nodeError: (nodeName, runIndex = 0) => runData[nodeName]?.[runIndex]?.error,
	};
}

interface SingleNodeWorkflow {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	credentialsHelper: HarnessCredentialsHelper;
	mode: WorkflowExecuteMode;
}

/** A workflow holding only the trigger node, as n8n builds it to serve webhooks. */
function buildSingleNodeWorkflow(options: SingleNodeOptions): SingleNodeWorkflow {
	const credentials = options.credentials ?? {};
	const typeVersion = options.typeVersion ?? defaultVersion(options.nodeType);
	const versionedType = NodeHelpers.getVersionedNodeType(options.nodeType, typeVersion);
	const { description } = versionedType;
	const registry = new HarnessNodeTypes({ [description.name]: options.nodeType });
	const node: INode = {
		id: 'node-trigger',
		name: options.nodeName ?? description.defaults.name ?? description.displayName,
		type: description.name,
		typeVersion,
		position: [0, 0],
		parameters: options.parameters ?? {},
		webhookId: options.webhookId ?? 'test-webhook-id',
		credentials: attachCredentials(description, credentials, undefined),
	};
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: registry,
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
	const workflowNode = workflow.getNode(node.name);
	if (workflowNode === null) throw new Error('The trigger node is missing from the workflow');
	return {
		workflow,
		node: workflowNode,
		nodeType: versionedType,
		credentialsHelper: new HarnessCredentialsHelper(
			credentials,
			toCredentialTypeMap(options.credentialTypes),
		),
		mode: options.mode ?? 'webhook',
	};
}

function resolveWebhookField<T>(
	{ workflow, node, mode }: SingleNodeWorkflow,
	value: string | boolean | undefined,
	fallback: T,
): T {
	if (value === undefined) return fallback;
	return workflow.expression.getSimpleParameterValue(node, value, mode, {}, undefined, fallback as never) as T;
}

/** Picks the node's webhook description by name and, when several match, by HTTP method. */
function findWebhookDescription(
	setup: SingleNodeWorkflow,
	webhookName: WebhookType,
	httpMethod?: string,
): IWebhookDescription {
	const candidates = (setup.nodeType.description.webhooks ?? []).filter(
		(webhook) => webhook.name === webhookName,
	);
	if (candidates.length === 0) {
		throw new Error(`Node type "${setup.node.type}" has no "${webhookName}" webhook`);
	}
	const byMethod = candidates.find(
		(webhook) =>
			httpMethod !== undefined &&
			String(resolveWebhookField(setup, webhook.httpMethod, 'GET')).toUpperCase() ===
				httpMethod.toUpperCase(),
	);
	return byMethod ?? candidates[0];
}

function buildWebhookData(
	setup: SingleNodeWorkflow,
	webhookDescription: IWebhookDescription,
	additionalData: IWorkflowExecuteAdditionalData,
): IWebhookData {
	const { workflow, node } = setup;
	return {
		httpMethod: String(resolveWebhookField(setup, webhookDescription.httpMethod, 'GET')) as IHttpRequestMethods,
		node: node.name,
		path: String(resolveWebhookField(setup, webhookDescription.path, '')),
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest: setup.mode === 'manual',
	};
}

function decodeResponseBody(headers: IncomingHttpHeaders, body: Buffer): unknown {
	if (body.length === 0) return undefined;
	const text = body.toString('utf8');
	if (headers['content-type']?.includes('json')) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return text;
		}
	}
	return text;
}

/** How long to wait for a node that returned `noWebhookResponse` to finish its response. */
const NODE_RESPONSE_TIMEOUT_MS = 2000;

/**
 * Serves one HTTP request with a trigger node's `webhook()` method, the way
 * n8n does in production ("Respond: Immediately"): the node may answer itself
 * through `getResponseObject()` and return `noWebhookResponse`; otherwise n8n
 * answers 200 with `webhookResponse`, or `{ message: 'Workflow was started' }`
 * when the node returned `workflowData`, or `{ message: 'Webhook call received' }`
 * when it did not. A throwing node gets a 500 and `error` is set.
 */
export async function runWebhook(options: RunWebhookOptions): Promise<WebhookRunResult> {
	const setup = buildSingleNodeWorkflow(options);
	const { workflow, node, nodeType, mode } = setup;
	const { request } = options;
	const method = request.method.toUpperCase();
	const webhookDescription = findWebhookDescription(setup, options.webhookName ?? 'default', method);
	if (nodeType.webhook === undefined) {
		throw new Error(`Node type "${node.type}" has no webhook() method`);
	}
	const webhook = nodeType.webhook;

	const additionalData = createAdditionalData({
		credentialsHelper: setup.credentialsHelper,
		webhookBaseUrl: options.webhookBaseUrl,
	});
	const webhookData = buildWebhookData(setup, webhookDescription, additionalData);
	const isFullPath = resolveWebhookField(setup, webhookDescription.isFullPath, false);
	const webhookPath = NodeHelpers.getNodeWebhookPath(workflow.id, node, webhookData.path, isFullPath);
	const defaultPath = `/webhook/${webhookPath}`;
	const url = new URL(request.path ?? defaultPath, INSTANCE_BASE_URL);
	for (const [key, value] of Object.entries(request.query ?? {})) {
		for (const entry of Array.isArray(value) ? value : [value]) url.searchParams.append(key, entry);
	}
	const rawBody =
		request.rawBody === undefined
			? Buffer.alloc(0)
			: Buffer.isBuffer(request.rawBody)
				? request.rawBody
				: Buffer.from(request.rawBody);

	let webhookResult: IWebhookResponseData | undefined;
	let error: Error | undefined;
	let unfinishedResponse = false;
	let webhookUrl: string | undefined;

	const received = await exchange(
		{ method, url: `${url.pathname}${url.search}`, headers: request.headers ?? {}, rawBody },
		async (incoming, outgoing) => {
			const req = await toWebhookRequest(incoming, request.params ?? {});
			const res = toWebhookResponse(outgoing);
			// n8n hands the Express request/response to the node through additionalData.
			additionalData.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
			additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
			const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
			webhookUrl = context.getNodeWebhookUrl(webhookDescription.name);
			try {
				webhookResult = await webhook.call(context);
			} catch (caught) {
				error = caught instanceof Error ? caught : new Error(String(caught));
				if (!res.headersSent) {
					res.status(500).json({
						code: 0,
						message: 'Workflow Webhook Error: Workflow could not be started!',
					});
				}
				return;
			}

			if (webhookResult.noWebhookResponse === true) {
				// The node answers itself; give an asynchronous answer a moment to finish.
				if (!res.writableEnded) {
					await Promise.race([once(res, 'finish'), delay(NODE_RESPONSE_TIMEOUT_MS)]);
				}
				if (!res.writableEnded) {
					unfinishedResponse = true;
					res.end();
				}
				return;
			}
			if (res.headersSent) return;

			const responseCode = Number(resolveWebhookField(setup, webhookDescription.responseCode as string, 200));
			const defaultMessage =
				webhookResult.workflowData === undefined ? 'Webhook call received' : 'Workflow was started';
			const body =
				webhookResult.webhookResponse !== undefined
					? (webhookResult.webhookResponse as unknown)
					: { message: defaultMessage };
			res.status(responseCode);
			if (typeof body === 'string' || Buffer.isBuffer(body)) res.send(body);
			else res.json(body);
		},
	);

	if (unfinishedResponse) {
		throw new Error(
			'webhook() returned noWebhookResponse but never finished the response (call res.end()/send())',
		);
	}

	return {
		statusCode: received.statusCode,
		headers: received.headers,
		responseBody: decodeResponseBody(received.headers, received.body),
		rawResponseBody: received.body,
		items: webhookResult?.workflowData,
		webhookResult,
		error,
		staticData: options.staticData ?? (workflow.staticData as IDataObject),
		webhookUrl,
	};
}

/**
 * Calls `webhookMethods[webhookName][method]` of a trigger node with n8n's
 * HookContext, as n8n does on activation (`checkExists`, then `create`) and
 * deactivation (`delete`).
 */
export async function runWebhookLifecycle(
	options: RunWebhookLifecycleOptions,
): Promise<WebhookLifecycleResult> {
	const setup = buildSingleNodeWorkflow({ ...options, mode: options.mode ?? 'trigger' });
	const { workflow, node, nodeType, mode } = setup;
	const webhookName = options.webhookName ?? 'default';
	const lifecycleMethod = nodeType.webhookMethods?.[webhookName]?.[options.method];
	if (lifecycleMethod === undefined) {
		throw new Error(`Node type "${node.type}" has no webhookMethods.${webhookName}.${options.method}`);
	}
	const additionalData = createAdditionalData({
		credentialsHelper: setup.credentialsHelper,
		webhookBaseUrl: options.webhookBaseUrl,
	});
	const webhookData = buildWebhookData(
		setup,
		findWebhookDescription(setup, webhookName),
		additionalData,
	);
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		mode,
		options.activation ?? 'activate',
		webhookData,
	);
	const result = await lifecycleMethod.call(context);
	return {
		result,
		webhookUrl: context.getNodeWebhookUrl(webhookName),
		staticData: options.staticData ?? (workflow.staticData as IDataObject),
	};
}
