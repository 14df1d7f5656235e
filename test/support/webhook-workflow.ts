/**
 * The one-node workflow n8n builds to serve a trigger node's webhooks, and the
 * `IWebhookData` both `runWebhook` and `runWebhookLifecycle` hand to its contexts.
 */
import {
	NodeHelpers,
	Workflow,
	type IHttpRequestMethods,
	type INode,
	type INodeType,
	type IWebhookData,
	type IWebhookDescription,
	type IWorkflowExecuteAdditionalData,
	type WebhookType,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { HarnessCredentialsHelper, toCredentialTypeMap } from './credentials-helper';
import { attachCredentials, defaultVersion, HarnessNodeTypes, WORKFLOW_ID } from './harness-execution';
import type { SingleNodeOptions } from './harness-types';

export interface SingleNodeWorkflow {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	credentialsHelper: HarnessCredentialsHelper;
	mode: WorkflowExecuteMode;
}

// Triggers remember deliveries per workflow: tests that post twice to one workflow share its
// static data, so the static data names the workflow, and every other run gets a new one.
const workflowIds = new WeakMap<object, string>();
let workflowCount = 0;
function workflowIdFor(staticData: object | undefined): string {
	const id = staticData && workflowIds.get(staticData);
	if (id) return id;
	const fresh = `${WORKFLOW_ID}-${++workflowCount}`;
	if (staticData) workflowIds.set(staticData, fresh);
	return fresh;
}

/** A workflow holding only the trigger node, as n8n builds it to serve webhooks. */
export function buildSingleNodeWorkflow(options: SingleNodeOptions): SingleNodeWorkflow {
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
		id: workflowIdFor(options.staticData),
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

export function resolveWebhookField<T>(
	{ workflow, node, mode }: SingleNodeWorkflow,
	value: string | boolean | undefined,
	fallback: T,
): T {
	if (value === undefined) return fallback;
	return workflow.expression.getSimpleParameterValue(node, value, mode, {}, undefined, fallback as never) as T;
}

/** Picks the node's webhook description by name and, when several match, by HTTP method. */
export function findWebhookDescription(
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

export function buildWebhookData(
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
