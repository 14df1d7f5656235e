/**
 * `runWorkflow`: builds a `Workflow` (a start node emitting the test items, then
 * the nodes under test) and executes it with n8n-core's `WorkflowExecute`.
 */
// First, so n8n-core sees the test environment (see n8n-env.ts).
import './n8n-env';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	Workflow,
	type IBinaryData,
	type IBinaryKeyData,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IWorkflowBase,
	type IWorkflowSettings,
} from 'n8n-workflow';

import { HarnessCredentialsHelper, toCredentialTypeMap, type CredentialsMap } from './credentials-helper';
import {
	attachCredentials,
	createAdditionalData,
	defaultVersion,
	EXECUTION_ID,
	HarnessNodeTypes,
	WORKFLOW_ID,
} from './harness-execution';
import type {
	HarnessBinaryInput,
	HarnessInputItem,
	HarnessNode,
	RunWorkflowOptions,
	WorkflowRunResult,
} from './harness-types';

/** Name of the start node the harness adds to every `runWorkflow` workflow. */
export const START_NODE_NAME = 'Start';
const START_NODE_TYPE = 'n8nHarness.start';

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
