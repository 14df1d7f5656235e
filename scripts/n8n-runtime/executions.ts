/**
 * Reading what a real n8n did with a webhook: waiting for the execution it started, and
 * the items each node output (n8n stores run data flatted-serialized; its own copy of
 * flatted reads it).
 */
import { join } from 'node:path';
import type { ExecutionSummary, N8nRestClient } from './rest-client';
import { runtimePaths } from './runtime-paths';

export interface NodeRun {
	items: Record<string, unknown>[];
	error?: { message?: string; description?: string };
}

export interface ExecutionResult {
	id: string;
	status: string;
	/** From the start of the execution to its end, as n8n recorded them. */
	durationMs?: number;
	/** The output of each node's first run (main output 0; for IF, the true branch). */
	nodes: Record<string, NodeRun>;
	/** The error that stopped the execution, if any. */
	error?: { message?: string; node?: string };
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** The newest execution id of a workflow (0 when it has none): pass it to waitForExecution as `afterId`. */
export async function latestExecutionId(client: N8nRestClient, workflowId: string): Promise<number> {
	const [latest] = await client.listExecutions({ workflowId });
	return latest ? Number(latest.id) : 0;
}

/** Waits for the first execution of `workflowId` newer than `afterId` to finish, and reads it. */
export async function waitForExecution(client: N8nRestClient, workflowId: string, afterId: number, timeoutSeconds = 60): Promise<ExecutionResult> {
	const deadline = Date.now() + timeoutSeconds * 1000;
	let found: ExecutionSummary | undefined;
	while (Date.now() < deadline) {
		const executions = await client.listExecutions({ workflowId });
		found = executions.filter((execution) => Number(execution.id) > afterId).sort((a, b) => Number(a.id) - Number(b.id))[0];
		if (found && FINISHED.has(found.status)) return await readExecution(client, found.id);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(found ? `Execution ${found.id} of workflow ${workflowId} did not finish within ${timeoutSeconds} s (status ${found.status})` : `No execution of workflow ${workflowId} started within ${timeoutSeconds} s`);
}

/** Whether a workflow has executions newer than `afterId`. */
export async function executionsSince(client: N8nRestClient, workflowId: string, afterId: number): Promise<number> {
	return (await client.listExecutions({ workflowId })).filter((execution) => Number(execution.id) > afterId).length;
}

interface RunData {
	resultData: {
		runData: Record<string, { data?: { main?: ({ json: Record<string, unknown> }[] | null)[] }; error?: { message?: string; description?: string } }[]>;
		error?: { message?: string; node?: { name?: string } };
	};
}

async function readExecution(client: N8nRestClient, id: string): Promise<ExecutionResult> {
	const execution = await client.getExecution(id);
	const flatted = require(join(runtimePaths().n8nFolder, 'node_modules', 'flatted')) as { parse(text: string): unknown };
	const data = flatted.parse(execution.data) as RunData;
	const nodes: Record<string, NodeRun> = {};
	for (const [name, runs] of Object.entries(data.resultData.runData ?? {})) {
		const first = runs[0];
		nodes[name] = { items: (first?.data?.main?.[0] ?? []).map((item) => item.json), ...(first?.error ? { error: first.error } : {}) };
	}
	const error = data.resultData.error ? { message: data.resultData.error.message, node: data.resultData.error.node?.name } : undefined;
	const durationMs = execution.startedAt && execution.stoppedAt ? Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt) : undefined;
	return { id: execution.id, status: execution.status, durationMs, nodes, ...(error ? { error } : {}) };
}
