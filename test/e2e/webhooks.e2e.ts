/**
 * Every trigger the package ships, through its production webhook in a real n8n: those of
 * the example intake workflow, and the Mailgun, Evolution API, HubSpot, Pipedrive and
 * unsubscribe-link triggers on a workflow of their own. Signed requests start one execution,
 * forged or unsigned ones are refused (401/403, a changed unsubscribe link 403) and start none, Meta's GET handshake answers the challenge, and redeliveries
 * start nothing new.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ONE_CLICK_BODY, unsubscribeToken, unsubscribeUrl } from '../../core/consent/unsubscribe-link';
import { executionsSince, latestExecutionId, waitForExecution } from '../../scripts/n8n-runtime/executions';
import { waitUntilPublished, webhookEndpoints, type ImportedWorkflow } from '../../scripts/n8n-runtime/example-workflows';
import {
	deliver,
	evolutionJwt,
	hubspotPropertyChange,
	evolutionMessage,
	instagramMessage,
	mailgunEmail,
	messengerMessage,
	metaSignature,
	pipedrivePersonChange,
	postmarkAuthorization,
	postmarkEmail,
	telegramMessage,
	twilioSms,
	whatsAppMessage,
	withFormField,
	withHeader,
	type ProviderRequest,
} from '../../scripts/n8n-runtime/provider-webhooks';
import { N8nRestClient, type WorkflowBody } from '../../scripts/n8n-runtime/rest-client';
import { E2E_OWNER, intake, lastRecordSeq, readState, standInRecords, triggerUrl } from './support/n8n-under-test';

const state = readState();
const workflow = intake(state);
const client = new N8nRestClient(state.url);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const digits = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

const UNSUBSCRIBE_SECRET = 'example-unsubscribe-link-secret-0123456789';

/** The triggers the intake workflow leaves out, each alone on one published workflow, with the example credentials. */
const OTHER_TRIGGERS = [
	{ name: 'E-mail (Mailgun)', type: 'omnichannelMailgunTrigger', credentialType: 'omnichannelMailgunWebhookApi', credential: 'Example Mailgun routes (local)', parameters: { webhookRegistration: 'manual' } },
	{ name: 'WhatsApp (Evolution API)', type: 'omnichannelEvolutionTrigger', credentialType: 'omnichannelEvolutionApi', credential: 'Example Evolution API (local stand-in)', parameters: {} },
	{ name: 'HubSpot', type: 'omnichannelHubSpotTrigger', credentialType: 'hubspotDeveloperApi', credential: 'Example HubSpot app (local)', parameters: {} },
	{ name: 'Pipedrive', type: 'omnichannelPipedriveTrigger', credentialType: 'httpBasicAuth', credential: 'Example Pipedrive webhook (local)', parameters: { webhookRegistration: 'manual' } },
	{ name: 'Unsubscribe link', type: 'omnichannelUnsubscribeTrigger', parameters: { unsubscribeSecret: UNSUBSCRIBE_SECRET } },
];
let others: ImportedWorkflow;

async function publishOtherTriggers(): Promise<ImportedWorkflow> {
	const credentials = await client.listCredentials();
	const nodes = OTHER_TRIGGERS.map((trigger, index) => {
		const credential = credentials.find((candidate) => candidate.name === trigger.credential && candidate.type === trigger.credentialType);
		if (trigger.credential && !credential) throw new Error(`no example credential "${trigger.credential}"`);
		return {
			name: trigger.name,
			type: `n8n-nodes-omnichannel.${trigger.type}`,
			typeVersion: 1,
			position: [0, index * 200],
			webhookId: randomUUID(),
			parameters: trigger.parameters,
			...(credential && trigger.credentialType ? { credentials: { [trigger.credentialType]: { id: credential.id, name: credential.name } } } : {}),
		};
	});
	const body: WorkflowBody = { name: 'E2E: Mailgun, Evolution API, CRM and unsubscribe triggers', nodes, connections: {}, settings: { executionOrder: 'v1' } };
	const saved = await client.createWorkflow(body);
	await client.activateWorkflow(saved.id, saved.versionId);
	await waitUntilPublished(client, saved.id, body.name);
	return { id: saved.id, name: body.name, file: '', action: 'created', active: true, webhooks: webhookEndpoints(state.url, body) };
}

beforeAll(async () => {
	await client.login(E2E_OWNER);
	others = await publishOtherTriggers();
});

interface TriggerCase {
	node: string;
	valid: () => ProviderRequest;
	/** A request whose signature (or auth) is wrong: 403 (401 for the CRMs', which don't tell it from a missing one). */
	invalid: (valid: ProviderRequest) => ProviderRequest;
	invalidStatus?: number;
	/** The same request without its signature (or auth): 401 (403 for Telegram and Twilio, whose refusal does not tell the two apart). */
	missing: (valid: ProviderRequest) => ProviderRequest;
	missingStatus: number[];
}

const meta = (node: string, valid: () => ProviderRequest): TriggerCase => ({
	node,
	valid,
	invalid: (request) => withHeader(request, 'x-hub-signature-256', metaSignature(request.body, 'not-the-app-secret')),
	missing: (request) => withHeader(request, 'x-hub-signature-256', undefined),
	missingStatus: [401],
});

const cases: TriggerCase[] = [
	meta('WhatsApp', () => whatsAppMessage({ waId: `5511${digits()}`, name: 'Wanda', text: 'Hello from WhatsApp' })),
	meta('Instagram', () => instagramMessage({ senderId: `17${digits()}${digits()}`, text: 'Hello from Instagram' })),
	meta('Messenger', () => messengerMessage({ senderId: `24${digits()}${digits()}`, text: 'Hello from Messenger' })),
	{
		node: 'Telegram',
		valid: () => telegramMessage({ userId: Number(`7${digits()}`), firstName: 'Tess', text: 'Hello from Telegram', secretToken: state.telegramSecret }),
		invalid: (request) => withHeader(request, 'x-telegram-bot-api-secret-token', 'wrong-secret'),
		missing: (request) => withHeader(request, 'x-telegram-bot-api-secret-token', undefined),
		missingStatus: [401, 403],
	},
	{
		node: 'SMS (Twilio)',
		valid: () => twilioSms({ from: `+1555${digits().slice(0, 7)}`, text: 'Hello by SMS', url: triggerUrl(workflow, 'SMS (Twilio)') }),
		invalid: () => twilioSms({ from: '+15555550199', text: 'forged', url: 'https://attacker.example/webhook' }),
		missing: (request) => withHeader(request, 'x-twilio-signature', undefined),
		missingStatus: [401, 403],
	},
	{
		node: 'E-mail (Postmark)',
		valid: () => postmarkEmail({ from: `e2e.${digits()}@example.com`, name: 'Eve', subject: 'Hello', text: 'Hello by e-mail' }),
		invalid: (request) => withHeader(request, 'authorization', postmarkAuthorization('postmark', 'wrong')),
		missing: (request) => withHeader(request, 'authorization', undefined),
		missingStatus: [401],
	},
];

/** Mailgun signs in the form body (timestamp, token, signature); Evolution sends a Bearer JWT signed with the webhook's jwt_key. */
const otherCases: TriggerCase[] = [
	{
		node: 'E-mail (Mailgun)',
		valid: () => mailgunEmail({ from: `e2e.${digits()}@example.com`, name: 'Mel', subject: 'Hello', text: 'Hello by e-mail through Mailgun' }),
		invalid: () => mailgunEmail({ from: 'forger@example.com', name: 'Forger', subject: 'Hello', text: 'forged', signingKey: 'not-the-signing-key' }),
		missing: (request) => withFormField(request, 'signature', undefined),
		missingStatus: [401],
	},
	{
		node: 'WhatsApp (Evolution API)',
		valid: () => evolutionMessage({ phone: `5511${digits()}`, name: 'Eva', text: 'Hello through Evolution API' }),
		invalid: (request) => withHeader(request, 'authorization', `Bearer ${evolutionJwt('not-the-jwt-key')}`),
		missing: (request) => withHeader(request, 'authorization', undefined),
		missingStatus: [401],
	},
];

/** CRM webhooks: HubSpot signs with the app's client secret (v3), Pipedrive calls with the webhook's basic auth; both answer 401 to either fault. */
const crmCases: TriggerCase[] = [
	{
		node: 'HubSpot',
		valid: () => hubspotPropertyChange({ url: triggerUrl(others, 'HubSpot'), contactId: `9${digits()}`, property: 'email', value: `hs.${digits()}@example.com` }),
		invalid: () => hubspotPropertyChange({ url: triggerUrl(others, 'HubSpot'), contactId: '91', property: 'email', value: 'forged@example.com', clientSecret: 'not-the-client-secret' }),
		invalidStatus: 401,
		missing: (request) => withHeader(request, 'x-hubspot-signature-v3', undefined),
		missingStatus: [401],
	},
	{
		node: 'Pipedrive',
		valid: () => pipedrivePersonChange({ personId: Number(digits()), email: `pd.${digits()}@example.com` }),
		invalid: () => pipedrivePersonChange({ personId: 7, email: 'forged@example.com', password: 'not-the-password' }),
		invalidStatus: 401,
		missing: (request) => withHeader(request, 'authorization', undefined),
		missingStatus: [401],
	},
];

/** Forged and unsigned copies of a signed webhook: refused, and no execution of the trigger's workflow. */
function refusesForgedWebhooks(trigger: TriggerCase, workflowOf: () => ImportedWorkflow): void {
	test('a wrong signature gets 403 and a missing one 401, and neither starts an execution', async () => {
		const workflow = workflowOf();
		const before = await latestExecutionId(client, workflow.id);
		const valid = trigger.valid();
		const invalid = await deliver(triggerUrl(workflow, trigger.node), trigger.invalid(valid));
		const missing = await deliver(triggerUrl(workflow, trigger.node), trigger.missing(valid));
		expect(invalid.status).toBe(trigger.invalidStatus ?? 403);
		expect(trigger.missingStatus).toContain(missing.status);
		await sleep(1500);
		expect(await executionsSince(client, workflow.id, before)).toBe(0);
	});
}

test('the state of the run names a published intake workflow with six triggers', () => {
	expect(workflow.webhooks.map((webhook) => webhook.node).sort()).toEqual(['E-mail (Postmark)', 'Instagram', 'Messenger', 'SMS (Twilio)', 'Telegram', 'WhatsApp']);
	expect(state.telegramSecret).not.toBe('');
});

test('every trigger the package ships is checked here', () => {
	const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	const shipped = manifest.n8n.nodes
		.map((file) => basename(file, '.node.js'))
		.filter((name) => name.endsWith('Trigger'))
		.map((name) => `n8n-nodes-omnichannel.${name[0].toLowerCase()}${name.slice(1)}`);
	const checked = [...cases.map((trigger) => ({ trigger, workflow })), ...[...otherCases, ...crmCases, { node: 'Unsubscribe link' }].map((trigger) => ({ trigger, workflow: others }))].map(
		({ trigger, workflow: { webhooks } }) => webhooks.find((webhook) => webhook.node === trigger.node)?.type,
	);
	expect(checked.sort()).toEqual(shipped.sort());
});

describe.each(cases)('$node trigger', (trigger) => {
	test('a signed webhook starts one successful execution that answers on its channel', async () => {
		const before = await latestExecutionId(client, workflow.id);
		const seq = await lastRecordSeq(state.standIns.apiUrl);
		const answer = await deliver(triggerUrl(workflow, trigger.node), trigger.valid());
		expect(answer.status).toBe(200);
		const result = await waitForExecution(client, workflow.id, before);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.nodes['Recognise the customer']?.items).toHaveLength(1);
		expect(result.nodes['Answer on their channel']?.items).toHaveLength(1);
		await sleep(300);
		expect(await executionsSince(client, workflow.id, before)).toBe(1);
		const replies = (await standInRecords(state.standIns.apiUrl, seq)).filter((record) => record.text !== undefined);
		expect(replies).toHaveLength(1);
		expect(replies[0].status).toBeLessThan(300);
	});

	refusesForgedWebhooks(trigger, () => workflow);
});

describe.each(otherCases)('$node trigger', (trigger) => {
	test('a signed webhook gets 200 and starts exactly one successful execution with its event', async () => {
		const before = await latestExecutionId(client, others.id);
		const answer = await deliver(triggerUrl(others, trigger.node), trigger.valid());
		expect(answer.status).toBe(200);
		const result = await waitForExecution(client, others.id, before);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.nodes[trigger.node]?.items).toHaveLength(1);
		expect(result.nodes[trigger.node]?.items[0]).toMatchObject({ direction: 'inbound', type: 'message' });
		await sleep(300);
		expect(await executionsSince(client, others.id, before)).toBe(1);
	});

	refusesForgedWebhooks(trigger, () => others);
});

describe.each(crmCases)('$node trigger', (trigger) => {
	test('a signed change of a contact no customer is known by gets 200 and starts one execution that applies nothing', async () => {
		const before = await latestExecutionId(client, others.id);
		const answer = await deliver(triggerUrl(others, trigger.node), trigger.valid());
		expect(answer.status).toBe(200);
		const result = await waitForExecution(client, others.id, before);
		expect(result.status).toBe('success');
		expect(result.nodes[trigger.node]?.items).toEqual([expect.objectContaining({ applied: 'nothing', change: expect.objectContaining({ type: 'identifiers-changed' }) })]);
		await sleep(300);
		expect(await executionsSince(client, others.id, before)).toBe(1);
	});

	refusesForgedWebhooks(trigger, () => others);
});

describe('the unsubscribe link', () => {
	test("a one-click POST with a customer's signed link unsubscribes them from e-mail marketing; a changed link gets 403, a missing token 400, and neither starts anything", async () => {
		// A customer to unsubscribe: whoever writes on WhatsApp.
		const intakeBefore = await latestExecutionId(client, workflow.id);
		expect((await deliver(triggerUrl(workflow, 'WhatsApp'), whatsAppMessage({ waId: `5511${digits()}`, name: 'Ursula', text: 'Hi' }))).status).toBe(200);
		const intake = await waitForExecution(client, workflow.id, intakeBefore);
		const customerId = (intake.nodes['Recognise the customer'].items[0] as { customer: { id: string } }).customer.id;
		// Its webhook path is unsubscribe, where the other triggers' is webhook.
		const url = triggerUrl(others, 'Unsubscribe link').replace(/\/webhook$/, '/unsubscribe');
		const oneClick = (link: string) => fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: ONE_CLICK_BODY });

		const before = await latestExecutionId(client, others.id);
		const token = unsubscribeToken(UNSUBSCRIBE_SECRET, customerId);
		expect((await oneClick(`${url}?token=${token.slice(0, -2)}xx`)).status).toBe(403);
		expect((await oneClick(url)).status).toBe(400);
		await sleep(1500);
		expect(await executionsSince(client, others.id, before)).toBe(0);

		expect((await oneClick(unsubscribeUrl(url, token))).status).toBe(200);
		const result = await waitForExecution(client, others.id, before);
		expect(result.status).toBe('success');
		expect(result.nodes['Unsubscribe link']?.items).toEqual([expect.objectContaining({ customerId })]);
	});
});

describe("Meta's GET handshake", () => {
	test.each(['WhatsApp', 'Instagram', 'Messenger'])('%s answers the challenge with the verify token, 403 without it', async (node) => {
		const url = new URL(triggerUrl(workflow, node));
		url.search = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': 'example-verify-token', 'hub.challenge': '1158201444' }).toString();
		const ok = await fetch(url);
		expect(ok.status).toBe(200);
		expect((await ok.text()).trim()).toBe('1158201444');
		url.searchParams.set('hub.verify_token', 'not-the-token');
		expect((await fetch(url)).status).toBe(403);
	});
});

test('16 redeliveries of one webhook, 8 at a time, start one execution and send one reply', async () => {
	const before = await latestExecutionId(client, workflow.id);
	const seq = await lastRecordSeq(state.standIns.apiUrl);
	const request = whatsAppMessage({ waId: `5511${digits()}`, name: 'Rita', text: 'Same message, delivered again and again' });
	const url = triggerUrl(workflow, 'WhatsApp');
	const statuses: number[] = [];
	for (let wave = 0; wave < 2; wave++) {
		const answers = await Promise.all(Array.from({ length: 8 }, () => deliver(url, request)));
		statuses.push(...answers.map((answer) => answer.status));
	}
	expect(statuses.every((status) => status === 200)).toBe(true);
	const result = await waitForExecution(client, workflow.id, before);
	expect(result.status).toBe('success');
	await sleep(3000);
	expect(await executionsSince(client, workflow.id, before)).toBe(1);
	const replies = (await standInRecords(state.standIns.apiUrl, seq)).filter((record) => record.text !== undefined);
	expect(replies).toHaveLength(1);
});
