/**
 * The example campaign (workflows/07-campaign.json) in a real n8n, started by a request instead
 * of by hand: a customer who wrote on WhatsApp gets the campaign there as free text (inside the
 * 24-hour window), a second run is blocked as already sent, and inside the quiet hours of the
 * customer's time zone the message leaves by Later with the time they end. n8n's Wait node
 * stands aside (a no-op) so that the execution ends; its input is what the test reads.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { latestExecutionId, waitForExecution, type ExecutionResult } from '../../scripts/n8n-runtime/executions';
import { waitUntilPublished } from '../../scripts/n8n-runtime/example-workflows';
import { deliver, whatsAppMessage } from '../../scripts/n8n-runtime/provider-webhooks';
import { N8nRestClient, type WorkflowBody } from '../../scripts/n8n-runtime/rest-client';
import { E2E_OWNER, lastRecordSeq, readState, standInRecords, triggerUrl } from './support/n8n-under-test';

const state = readState();
const client = new N8nRestClient(state.url);
const path = `campaign-${randomUUID()}`;
let workflowId: string;

type Node = { name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id?: string; name: string }>; webhookId?: string; typeVersion: number; position: number[]; id: string };

/** The example campaign, started by a POST of {phone, quietHours}, with the example credentials. */
async function campaignByRequest(): Promise<WorkflowBody> {
	const example = JSON.parse(readFileSync(join(__dirname, '../../workflows/07-campaign.json'), 'utf8')) as { name: string; nodes: Node[]; connections: Record<string, unknown> };
	const credentials = await client.listCredentials();
	const nodes = example.nodes
		.filter((node) => !['Start the campaign', 'Customers to reach', 'Every 10 minutes', 'Undelivered: next channel'].includes(node.name))
		.map((node) => {
			const bound = node.credentials && Object.fromEntries(Object.entries(node.credentials).map(([type, { name }]) => [type, { id: credentials.find((c) => c.name === name && c.type === type)?.id, name }]));
			const changed = { ...node, ...(bound ? { credentials: bound } : {}) };
			if (node.name === 'Find the customer') return { ...changed, parameters: { ...node.parameters, identifierKind: 'phone', identifierValue: '={{ $json.body.phone }}' } };
			if (node.name === 'Decide') return { ...changed, parameters: { ...node.parameters, quietHours: "={{ $('Campaign request').item.json.body.quietHours }}" } };
			if (node.name === 'Until the quiet hours end') return { ...changed, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
			return changed;
		});
	nodes.push({ id: randomUUID(), name: 'Campaign request', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [-600, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } });
	const connections = Object.fromEntries(Object.entries(example.connections).filter(([from]) => !['Start the campaign', 'Customers to reach', 'Every 10 minutes', 'Undelivered: next channel', 'Until the quiet hours end'].includes(from)));
	connections['Campaign request'] = { main: [[{ node: 'Find the customer', type: 'main', index: 0 }]] };
	return { name: `${example.name} (by request)`, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

async function run(body: { phone: string; quietHours: string }): Promise<ExecutionResult> {
	const before = await latestExecutionId(client, workflowId);
	const answer = await fetch(`${state.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	expect(answer.status).toBe(200);
	const result = await waitForExecution(client, workflowId, before);
	expect(result.error).toBeUndefined();
	expect(result.status).toBe('success');
	return result;
}

beforeAll(async () => {
	await client.login(E2E_OWNER);
	const saved = await client.createWorkflow(await campaignByRequest());
	await client.activateWorkflow(saved.id, saved.versionId);
	await waitUntilPublished(client, saved.id, saved.name);
	workflowId = saved.id;
});

afterAll(async () => {
	if (workflowId) await client.deactivateWorkflow(workflowId);
});

describe('the example campaign in a real n8n', () => {
	const intake = state.workflows.find((workflow) => workflow.file === '01-omnichannel-intake.json')!;
	const waId = `55219${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	// São Paulo's hour now: quiet hours around it hold the message, quiet hours away from it do not.
	const hour = DateTime.now().setZone('America/Sao_Paulo').hour;
	const clock = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
	const awake = `${clock(hour + 2)}-${clock(hour + 3)}`;
	const asleep = `${clock(hour)}-${clock(hour + 1)}`;

	beforeAll(async () => {
		const before = await latestExecutionId(client, intake.id);
		expect((await deliver(triggerUrl(intake, 'WhatsApp'), whatsAppMessage({ waId, name: 'Camila Rocha', text: 'Oi, tem novidade?' }))).status).toBe(200);
		await waitForExecution(client, intake.id, before);
	});

	it('holds the message inside the quiet hours of the customer’s time zone until they end', async () => {
		const result = await run({ phone: `+${waId}`, quietHours: asleep });
		const [later] = result.nodes['Until the quiet hours end'].items as { policy: { sendAt: string; timeZone?: string } }[];
		expect(DateTime.fromISO(later.policy.sendAt).setZone('America/Sao_Paulo').toFormat('HH:mm')).toBe(clock(hour + 1));
		expect(result.nodes.WhatsApp).toBeUndefined();
	});

	it('sends it on WhatsApp as free text inside the 24-hour window, once', async () => {
		const seq = await lastRecordSeq(state.standIns.apiUrl);
		const result = await run({ phone: `+${waId}`, quietHours: awake });
		expect(result.nodes.WhatsApp.items).toHaveLength(1);
		const sent = (await standInRecords(state.standIns.apiUrl, seq)).filter((record) => record.to === waId || record.to === `+${waId}`);
		expect(sent).toHaveLength(1);
		expect(sent[0].text).toContain('Black Friday');

		const again = await run({ phone: `+${waId}`, quietHours: awake });
		const [blocked] = again.nodes['Not sent'].items as { policy: { reason: string } }[];
		expect(blocked.policy.reason).toMatch(/already/i);
		expect(again.nodes.WhatsApp).toBeUndefined();
	});
});
