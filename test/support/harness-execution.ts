/**
 * What every harness runner shares: the node type registry, node defaults and
 * the per-execution services (`additionalData`) n8n hands to node contexts.
 */
// First, so n8n-core sees the test environment (see n8n-env.ts).
import './n8n-env';

import { ExternalSecretsProxy, type ExecutionLifecycleHooks } from 'n8n-core';
import {
	NodeHelpers,
	type IDataObject,
	type INodeCredentials,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import type { CredentialsMap, HarnessCredentialsHelper } from './credentials-helper';
import type { NodeTypeMap } from './harness-types';

export const WORKFLOW_ID = 'harness-workflow';
export const EXECUTION_ID = 'harness-execution';
export const INSTANCE_BASE_URL = 'http://localhost:5678';

export class HarnessNodeTypes implements INodeTypes {
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

export function defaultVersion(type: INodeType | IVersionedNodeType): number {
	if (isVersioned(type)) return type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** Attaches every given credential the node type declares, as n8n stores them on nodes. */
export function attachCredentials(
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

interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	hooks?: ExecutionLifecycleHooks;
	webhookBaseUrl?: string;
}

/**
 * The per-execution services n8n passes around. Only what node execution needs
 * is real; sub-workflows, task runners and AI features are not available.
 */
export function createAdditionalData({
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
