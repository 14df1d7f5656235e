/**
 * The example workflows of workflows/*.json into a running n8n: credentials bound by name,
 * created when missing, replaced when the file changed since it was imported (edits made in
 * the editor are kept otherwise), then published, with the webhook URL of every trigger.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LOCAL_PORTS } from './local-instance';
import type { CredentialSummary, N8nRestClient, WorkflowBody } from './rest-client';

const WORKFLOWS_FOLDER = resolve(__dirname, '../../workflows');

interface WorkflowNode {
	name: string;
	type: string;
	webhookId?: string;
	disabled?: boolean;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id?: string | null; name: string }>;
}

export interface ExampleWorkflow extends WorkflowBody {
	file: string;
	sha256: string;
	/** Whether npm start publishes it (a workflow that needs something we cannot provide, such as an AI model, stays a draft). */
	activate: boolean;
}

export interface WebhookEndpoint {
	workflow: string;
	node: string;
	type: string;
	url: string;
}

export interface ImportedWorkflow {
	id: string;
	name: string;
	file: string;
	action: 'created' | 'updated' | 'kept';
	active: boolean;
	webhooks: WebhookEndpoint[];
}

/** Reads every workflow file (sorted by name). */
function readExampleWorkflows(folder = WORKFLOWS_FOLDER): ExampleWorkflow[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const text = readFileSync(join(folder, file), 'utf8');
			const json = JSON.parse(text) as WorkflowBody & { meta?: { omnichannelStart?: { activate?: boolean } } };
			return {
				file,
				sha256: createHash('sha256').update(text).digest('hex'),
				name: json.name,
				nodes: json.nodes,
				connections: json.connections,
				settings: json.settings ?? { executionOrder: 'v1' },
				pinData: json.pinData ?? {},
				activate: json.meta?.omnichannelStart?.activate !== false,
			};
		});
}

/** The production URL of each webhook trigger: /webhook/<webhookId>/<path> for ours, /webhook/<path> for n8n's Webhook node. */
export function webhookEndpoints(baseUrl: string, workflow: Pick<WorkflowBody, 'name' | 'nodes'>): WebhookEndpoint[] {
	return (workflow.nodes as WorkflowNode[])
		.filter((node) => node.webhookId && !node.disabled)
		.map((node) => {
			const url = node.type === 'n8n-nodes-base.webhook' ? `${baseUrl}/webhook/${String(node.parameters?.path ?? node.webhookId)}` : `${baseUrl}/webhook/${node.webhookId}/webhook`;
			return { workflow: workflow.name, node: node.name, type: node.type, url };
		});
}

/** Points every node's credentials at the credential of the same name and type in this n8n. */
function bindCredentials(nodes: unknown[], credentials: Map<string, CredentialSummary>): unknown[] {
	return (nodes as WorkflowNode[]).map((node) => {
		if (!node.credentials) return node;
		const bound = Object.fromEntries(
			Object.entries(node.credentials).map(([type, reference]) => {
				const credential = credentials.get(reference.name);
				if (!credential || credential.type !== type) throw new Error(`Node "${node.name}" uses the ${type} credential "${reference.name}", which npm start does not create`);
				return [type, { id: credential.id, name: credential.name }];
			}),
		);
		return { ...node, credentials: bound };
	});
}

/**
 * Where the example workflows call the providers that have no credential of ours to carry a Base
 * URL (HubSpot, whose credentials are n8n's own): npm start's stand-ins. An n8n whose stand-ins
 * listen elsewhere (the end-to-end suite's) gets the workflows pointed there.
 */
export const EXAMPLE_STAND_INS_URL = `http://127.0.0.1:${LOCAL_PORTS.standIns}`;

function pointAtStandIns(nodes: unknown[], standInsUrl: string): unknown[] {
	if (standInsUrl === EXAMPLE_STAND_INS_URL) return nodes;
	return JSON.parse(JSON.stringify(nodes).split(EXAMPLE_STAND_INS_URL).join(standInsUrl)) as unknown[];
}

type ImportState = Record<string, { id: string; sha256: string }>;

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until every trigger of a published workflow is live, and fails with n8n's reason if one is not. */
export async function waitUntilPublished(client: N8nRestClient, id: string, name: string, timeoutSeconds = 60): Promise<void> {
	const deadline = Date.now() + timeoutSeconds * 1000;
	for (;;) {
		const status = await client.publicationStatus(id);
		if (!status) return;
		const failed = status.triggers.filter((trigger) => trigger.errorMessage || /error|fail/i.test(trigger.status));
		if (failed.length) throw new Error(`Workflow "${name}" could not be activated: ${failed.map((trigger) => trigger.errorMessage ?? trigger.status).join('; ')}`);
		if (status.status === 'published' && status.triggers.every((trigger) => trigger.status === 'activated')) return;
		if (Date.now() > deadline) throw new Error(`Workflow "${name}" was not live after ${timeoutSeconds} s (status ${status.status})`);
		await sleep(300);
	}
}

/**
 * Imports the example workflows into n8n and publishes those meant to run. `stateFile`
 * remembers which file version each workflow was imported from, per n8n database.
 */
export async function importExampleWorkflows(
	client: N8nRestClient,
	options: { credentials: Map<string, CredentialSummary>; standInsUrl: string; stateFile: string; databaseKey: string; folder?: string },
): Promise<ImportedWorkflow[]> {
	const allState = existsSync(options.stateFile) ? (JSON.parse(readFileSync(options.stateFile, 'utf8')) as Record<string, ImportState>) : {};
	const state: ImportState = allState[options.databaseKey] ?? {};
	const existing = await client.listWorkflows();
	const results: ImportedWorkflow[] = [];
	for (const example of readExampleWorkflows(options.folder)) {
		const body: WorkflowBody = { name: example.name, nodes: pointAtStandIns(bindCredentials(example.nodes, options.credentials), options.standInsUrl), connections: example.connections, settings: example.settings, pinData: example.pinData };
		const known = existing.find((workflow) => workflow.id === state[example.file]?.id) ?? existing.find((workflow) => workflow.name === example.name);
		let action: ImportedWorkflow['action'] = 'kept';
		let saved;
		if (!known) {
			saved = await client.createWorkflow(body);
			action = 'created';
		} else if (state[example.file]?.sha256 !== example.sha256) {
			const current = await client.getWorkflow(known.id);
			saved = await client.updateWorkflow(known.id, { ...body, versionId: current.versionId });
			action = 'updated';
		} else {
			saved = await client.getWorkflow(known.id);
		}
		state[example.file] = { id: saved.id, sha256: example.sha256 };
		let active = Boolean(saved.activeVersionId ?? saved.active);
		if (example.activate && (action !== 'kept' || saved.activeVersionId !== saved.versionId)) {
			await client.activateWorkflow(saved.id, saved.versionId);
			await waitUntilPublished(client, saved.id, example.name);
			active = true;
		}
		results.push({ id: saved.id, name: example.name, file: example.file, action, active, webhooks: webhookEndpoints(client.baseUrl, body) });
	}
	allState[options.databaseKey] = state;
	writeFileSync(options.stateFile, `${JSON.stringify(allState, null, 2)}\n`);
	return results;
}
