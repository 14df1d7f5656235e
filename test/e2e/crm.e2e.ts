/**
 * The example CRM workflow (workflows/08-crm-sync.json) in a real n8n, against the HubSpot
 * stand-in: a WhatsApp customer becomes a HubSpot contact with the message on its timeline, and
 * the next message finds the contact by the HubSpot id the customer now carries, with no search;
 * a signed HubSpot webhook teaching the contact's e-mail reaches the same customer, and a forged
 * one is refused and starts nothing. An e-mail's sender is upserted by address, the e-mail a note.
 */
import { executionsSince, latestExecutionId, waitForExecution, type ExecutionResult } from '../../scripts/n8n-runtime/executions';
import { deliver, hubspotPropertyChange, postmarkEmail, whatsAppMessage, type ProviderRequest } from '../../scripts/n8n-runtime/provider-webhooks';
import { N8nRestClient } from '../../scripts/n8n-runtime/rest-client';
import { E2E_OWNER, lastRecordSeq, readState, triggerUrl } from './support/n8n-under-test';

const state = readState();
const client = new N8nRestClient(state.url);
const workflow = state.workflows.find((candidate) => candidate.file === '08-crm-sync.json');

interface Record {
	seq: number;
	api: string;
	method: string;
	path: string;
	status: number;
	body: { properties?: { [name: string]: string }; inputs?: unknown[] };
}

const hubspotRecords = async (since: number) =>
	((await (await fetch(`${state.standIns.apiUrl}/__records?since=${since}`)).json()) as Record[]).filter((record) => record.api === 'hubspot');

beforeAll(async () => {
	if (!workflow?.active) throw new Error('the example workflow 08-crm-sync.json is not active');
	await client.login(E2E_OWNER);
});

async function play(node: string, request: ProviderRequest): Promise<{ result: ExecutionResult; hubspot: Record[] }> {
	const before = await latestExecutionId(client, workflow!.id);
	const seq = await lastRecordSeq(state.standIns.apiUrl);
	const answer = await deliver(triggerUrl(workflow!, node), request);
	expect(answer.status).toBe(200);
	const result = await waitForExecution(client, workflow!.id, before);
	expect(result.error).toBeUndefined();
	expect(result.status).toBe('success');
	return { result, hubspot: await hubspotRecords(seq) };
}

describe('the CRM example workflow in a real n8n', () => {
	const waId = `55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	let contactId: string;
	let customerId: string;

	it('makes a WhatsApp customer a HubSpot contact, with the message on its timeline', async () => {
		const { result, hubspot } = await play('WhatsApp', whatsAppMessage({ waId, name: 'Renata Lima', text: 'Oi! Vocês entregam em Niterói?' }));
		const logged = result.nodes['Message on the HubSpot timeline'].items[0] as { customer: { id: string }; crm: { hubspot: { contactId: string; duplicate: boolean; activity: { objectType: string } } } };
		expect(logged.crm.hubspot).toMatchObject({ duplicate: false, activity: { objectType: 'communication' } });
		contactId = logged.crm.hubspot.contactId;
		customerId = logged.customer.id;
		const communication = hubspot.find((record) => record.path === '/crm/v3/objects/communications');
		expect(communication?.status).toBe(201);
		expect(communication?.body.properties).toMatchObject({ hs_communication_channel_type: 'WHATS_APP', hs_communication_body: expect.stringContaining('Vocês entregam em Niterói?') });
		const created = hubspot.find((record) => record.path === '/crm/v3/objects/contacts' && record.method === 'POST');
		expect(created?.body.properties).toMatchObject({ firstname: 'Renata', lastname: 'Lima', lifecyclestage: 'lead', mobilephone: `+${waId}` });
	});

	it("finds the contact by the HubSpot id the customer now carries: the next message searches nothing", async () => {
		const { result, hubspot } = await play('WhatsApp', whatsAppMessage({ waId, name: 'Renata Lima', text: 'E qual o prazo?' }));
		const customer = result.nodes['Recognise the customer'].items[0] as { customer: { id: string; identities: { kind: string; value: string }[] } };
		expect(customer.customer.id).toBe(customerId);
		expect(customer.customer.identities).toContainEqual({ kind: 'hubspot', value: contactId });
		expect(hubspot.map((record) => record.path)).not.toContain('/crm/v3/objects/contacts/search');
		expect((result.nodes['Message on the HubSpot timeline'].items[0] as { crm: { hubspot: { contactId: string } } }).crm.hubspot.contactId).toBe(contactId);
	});

	it("teaches the customer the e-mail typed in HubSpot through the signed webhook, and refuses a forged one", async () => {
		const url = triggerUrl(workflow!, 'HubSpot contact changes');
		const forged = hubspotPropertyChange({ url, contactId, property: 'email', value: 'intruder@example.com', clientSecret: 'not-the-app-secret' });
		const before = await latestExecutionId(client, workflow!.id);
		expect((await deliver(url, forged)).status).toBe(401);

		const { result } = await play('HubSpot contact changes', hubspotPropertyChange({ url, contactId, property: 'email', value: 'renata.lima@example.com' }));
		expect(result.nodes['HubSpot contact changes'].items).toEqual([expect.objectContaining({ customerId, applied: 'identifier-added' })]);
		expect(await executionsSince(client, workflow!.id, before)).toBe(1);

		const { result: next } = await play('WhatsApp', whatsAppMessage({ waId, name: 'Renata Lima', text: 'Obrigada!' }));
		const customer = next.nodes['Recognise the customer'].items[0] as { customer: { identities: { kind: string; value: string }[] } };
		expect(customer.customer.identities).toContainEqual({ kind: 'email', value: 'renata.lima@example.com' });
	});

	it('upserts the sender of an e-mail by address and puts the e-mail on the timeline as a note', async () => {
		const address = `paulo.${Date.now()}@example.com`;
		const { result, hubspot } = await play('E-mail (Postmark)', postmarkEmail({ from: address, name: 'Paulo Reis', subject: 'Troca de tamanho', text: 'Quero trocar o tamanho do tênis.' }));
		const upsert = hubspot.find((record) => record.path === '/crm/v3/objects/contacts/batch/upsert');
		expect(upsert?.body.inputs).toEqual([expect.objectContaining({ id: address, idProperty: 'email' })]);
		const note = hubspot.find((record) => record.path === '/crm/v3/objects/notes');
		expect(note?.status).toBe(201);
		expect(note?.body.properties?.hs_note_body).toContain('Quero trocar o tamanho do tênis.');
		expect((result.nodes['Message on the HubSpot timeline'].items[0] as { crm: { hubspot: { duplicate: boolean } } }).crm.hubspot.duplicate).toBe(false);
	});
});
