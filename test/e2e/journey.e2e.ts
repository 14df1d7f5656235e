/**
 * The demo's journey in a real n8n: an Instagram DM giving a phone and an e-mail address,
 * a WhatsApp message from that number, an e-mail from that address — one customer, three
 * channels in one history. And a workflow exported from n8n re-imports unchanged.
 */
import { latestExecutionId, waitForExecution, type ExecutionResult } from '../../scripts/n8n-runtime/executions';
import { deliver, instagramMessage, postmarkEmail, whatsAppMessage, type ProviderRequest } from '../../scripts/n8n-runtime/provider-webhooks';
import { N8nRestClient } from '../../scripts/n8n-runtime/rest-client';
import { E2E_OWNER, intake, readState, triggerUrl } from './support/n8n-under-test';

const state = readState();
const workflow = intake(state);
const client = new N8nRestClient(state.url);

beforeAll(async () => {
	await client.login(E2E_OWNER);
});

interface Customer {
	id: string;
	identities: { kind: string; value: string }[];
	history: { channel: string; direction: string }[];
}

async function play(node: string, request: ProviderRequest): Promise<ExecutionResult> {
	const before = await latestExecutionId(client, workflow.id);
	const answer = await deliver(triggerUrl(workflow, node), request);
	expect(answer.status).toBe(200);
	const result = await waitForExecution(client, workflow.id, before);
	expect(result.error).toBeUndefined();
	expect(result.status).toBe('success');
	return result;
}

test('Instagram DM with a phone and e-mail, then WhatsApp, then e-mail: one customer, three channels in history', async () => {
	const digits = `9${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	const waId = `5511${digits}`;
	const email = `ana.${digits}@example.com`;
	const first = await play('Instagram', instagramMessage({ senderId: `178${digits}1234`, text: `Hi! My WhatsApp is +55 11 ${digits.slice(0, 5)}-${digits.slice(5)} and my e-mail is ${email}.` }));
	const id = (first.nodes['Recognise the customer'].items[0].customer as Customer).id;
	const linked = first.nodes['Link the phone or e-mail they gave']?.items[0]?.customer as Customer;
	expect(linked.id).toBe(id);
	expect(linked.identities).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'phone', value: `+${waId}` }), expect.objectContaining({ kind: 'email', value: email })]));

	const second = await play('WhatsApp', whatsAppMessage({ waId, name: 'Ana Souza', text: 'Any news about my order?' }));
	expect((second.nodes['Recognise the customer'].items[0].customer as Customer).id).toBe(id);

	const third = await play('E-mail (Postmark)', postmarkEmail({ from: email, name: 'Ana Souza', subject: 'Invoice', text: 'Could you send me the invoice?' }));
	const customer = third.nodes['Recognise the customer'].items[0].customer as Customer;
	expect(customer.id).toBe(id);
	const inbound = new Set(customer.history.filter((entry) => entry.direction === 'inbound').map((entry) => entry.channel));
	expect(inbound.size).toBe(3);
	expect(customer.history.filter((entry) => entry.direction === 'inbound')).toHaveLength(3);
});

test('a workflow exported from n8n (GET /rest/workflows/:id) re-imports unchanged', async () => {
	const exported = await client.getWorkflow(workflow.id);
	const copy = await client.createWorkflow({ name: `${exported.name} (re-imported)`, nodes: exported.nodes, connections: exported.connections, settings: exported.settings });
	try {
		const reimported = await client.getWorkflow(copy.id);
		const shape = (nodes: unknown[]) =>
			(nodes as { name: string; type: string; typeVersion: number; position: number[]; parameters: unknown; credentials?: unknown; webhookId?: string }[])
				.map(({ name, type, typeVersion, position, parameters, credentials, webhookId }) => ({ name, type, typeVersion, position, parameters, credentials, webhookId }))
				.sort((a, b) => a.name.localeCompare(b.name));
		expect(shape(reimported.nodes)).toEqual(shape(exported.nodes));
		expect(reimported.connections).toEqual(exported.connections);
		expect(exported.nodes.every((node) => !String((node as { type: string }).type).startsWith('CUSTOM.'))).toBe(true);
	} finally {
		await client.request('POST', `/workflows/${copy.id}/archive`).catch(() => undefined);
	}
});
