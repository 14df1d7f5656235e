/**
 * The example inbox workflow (workflows/05-omnichannel-inbox.json) in a real n8n, with the
 * example team of workflows/team/ the global setup put into the store: a customer who writes on
 * Instagram (giving their WhatsApp number) and then on WhatsApp keeps one conversation and one
 * agent, and is acknowledged on each channel; a gold-plan customer goes out of the VIP output,
 * a question about an order out of Support, each acknowledged by name. The reassign workflow
 * is published on its schedule.
 */
import { latestExecutionId, waitForExecution, type ExecutionResult } from '../../scripts/n8n-runtime/executions';
import { EXAMPLE_ACCOUNTS } from '../../scripts/n8n-runtime/example-credentials';
import { deliver, instagramMessage, telegramMessage, whatsAppMessage, type ProviderRequest } from '../../scripts/n8n-runtime/provider-webhooks';
import { N8nRestClient } from '../../scripts/n8n-runtime/rest-client';
import { E2E_OWNER, lastRecordSeq, readState, standInRecords, triggerUrl } from './support/n8n-under-test';

const state = readState();
const client = new N8nRestClient(state.url);
const TEAMS = ['VIP team', 'Sales team', 'Support team', 'Closed: after hours', 'Everything else'];
const AGENTS = { ana: 'ana@acme.example', bruno: 'bruno@acme.example', carla: 'carla@acme.example' };
const digits = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

function example(file: string) {
	const found = state.workflows.find((workflow) => workflow.file === file);
	if (!found?.active) throw new Error(`the example workflow ${file} is not active`);
	return found;
}

const inbox = example('05-omnichannel-inbox.json');

interface Routing {
	route: string | null;
	queue: string;
	agent: { id: string; name: string } | null;
	priority: string;
	dueAt?: string;
	reason: string;
	matched: string[];
}

interface Conversation {
	id: string;
	customerId: string;
	channelSwitches: number;
	lastChannel: string;
	opened: boolean;
}

beforeAll(async () => {
	await client.login(E2E_OWNER);
});

/** Delivers a signed webhook to a trigger of the inbox; the execution it started, its routing and what the stand-ins sent. */
async function play(node: string, request: ProviderRequest) {
	const before = await latestExecutionId(client, inbox.id);
	const seq = await lastRecordSeq(state.standIns.apiUrl);
	const answer = await deliver(triggerUrl(inbox, node), request);
	expect(answer.status).toBe(200);
	const result: ExecutionResult = await waitForExecution(client, inbox.id, before);
	expect(result.error).toBeUndefined();
	expect(result.status).toBe('success');
	const teams = TEAMS.filter((team) => result.nodes[team]);
	expect(teams).toHaveLength(1);
	const [item] = result.nodes[teams[0]].items as { routing: Routing; conversation: Conversation }[];
	const ack = result.nodes['Acknowledge on their channel']?.items;
	expect(ack).toHaveLength(1);
	const sent = (await standInRecords(state.standIns.apiUrl, seq)).filter((record) => record.text !== undefined) as { api: string; to?: string; text?: string; status: number; path?: string }[];
	return { result, team: teams[0], routing: item.routing, conversation: result.nodes['Open or continue the conversation'].items[0].conversation as Conversation, sent };
}

test('the inbox and the reassign workflows are published, with the six triggers on the inbox', () => {
	expect(inbox.webhooks.map((webhook) => webhook.node).sort()).toEqual(['E-mail (Postmark)', 'Instagram', 'Messenger', 'SMS (Twilio)', 'Telegram', 'WhatsApp']);
	expect(example('06-reassign-waiting.json').active).toBe(true);
});

test('Instagram, then WhatsApp: one conversation, one agent, acknowledged on each channel by the agent\'s name', async () => {
	const number = `9${digits()}`;
	const waId = `5511${number}`;
	const instagramId = `179${digits()}5678`;
	const dm = instagramMessage({ senderId: instagramId, text: `Hi! My WhatsApp is +55 11 ${number.slice(0, 5)}-${number.slice(5)}. Could you send me a quote for 3 chairs?` });
	const dmSentAt = Date.now();
	const first = await play('Instagram', dm);
	expect(first.team).toBe('Sales team');
	expect(first.routing).toMatchObject({ route: 'Sales', queue: 'Sales', matched: [expect.stringContaining('quote')] });
	expect([AGENTS.ana, AGENTS.carla]).toContain(first.routing.agent?.id);
	expect(first.conversation).toMatchObject({ opened: true, channelSwitches: 0, lastChannel: 'instagram' });
	const linked = first.result.nodes['Link the phone or e-mail they gave']?.items[0]?.customer as { id: string; identities: { kind: string; value: string }[] };
	expect(linked.id).toBe(first.conversation.customerId);
	expect(linked.identities).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'phone', value: `+${waId}` })]));
	const agentName = first.routing.agent!.name.split(' ')[0];
	expect(first.sent).toEqual([expect.objectContaining({ api: 'meta-send', to: instagramId, text: expect.stringContaining(`${agentName} will answer you here shortly`) })]);
	expect(first.sent[0].status).toBeLessThan(300);

	// WhatsApp stamps messages to the second, Instagram to the millisecond: a WhatsApp message stamped
	// before the DM would count as older (webhooks arrive out of order) and not as a switch of channel.
	while (Math.floor(Date.now() / 1000) * 1000 <= dmSentAt) await new Promise((resolve) => setTimeout(resolve, 50));
	const second = await play('WhatsApp', whatsAppMessage({ waId, name: 'Lia Campos', text: 'And what is the price with delivery to Recife?' }));
	expect(second.conversation.id).toBe(first.conversation.id);
	expect(second.conversation).toMatchObject({ opened: false, channelSwitches: 1, lastChannel: 'whatsapp' });
	expect(second.routing.agent?.id).toBe(first.routing.agent?.id);
	expect(second.routing).toMatchObject({ queue: 'Sales', reason: `already with ${first.routing.agent!.name}` });
	expect(second.team).toBe('Sales team');
	expect(second.sent).toEqual([expect.objectContaining({ api: 'whatsapp-cloud', to: waId, text: expect.stringContaining(`${agentName} is already looking after your conversation`) })]);
	expect(second.sent[0].status).toBeLessThan(300);
});

test('a gold-plan customer goes out of the VIP output to an agent of the VIP queue', async () => {
	// The customer of workflows/team/customers.jsonl: +55 11 99000-0001, plan gold.
	const vip = await play('WhatsApp', whatsAppMessage({ waId: '5511990000001', name: 'Vera Gold', text: 'Hello, can someone call me back today?' }));
	expect(vip.team).toBe('VIP team');
	expect(vip.routing).toMatchObject({ route: 'VIP', queue: 'VIP', priority: 'high', matched: ['plan is gold'] });
	expect([AGENTS.ana, AGENTS.carla]).toContain(vip.routing.agent?.id);
	expect(vip.sent).toEqual([expect.objectContaining({ api: 'whatsapp-cloud', to: '5511990000001', text: expect.stringMatching(/^Hi Vera Gold, thanks for your message! (Ana|Carla) will answer you here shortly\.$/) })]);
});

test('a question about an order on Telegram goes out of Support, to an agent with the orders skill, answered by the inbox bot', async () => {
	const webhook = (await (await fetch(`${state.standIns.apiUrl}/__telegram/webhook?token=${EXAMPLE_ACCOUNTS.inboxTelegramBotToken}`)).json()) as { url: string; secretToken: string };
	expect(webhook.url).toBe(triggerUrl(inbox, 'Telegram'));
	const userId = Number(`8${digits()}`);
	const support = await play('Telegram', telegramMessage({ userId, firstName: 'Tom', text: 'Where is my order #48213? The delivery is late.', secretToken: webhook.secretToken }));
	expect(support.team).toBe('Support team');
	expect(support.routing).toMatchObject({ route: 'Support', queue: 'Support' });
	expect([AGENTS.bruno, AGENTS.carla]).toContain(support.routing.agent?.id);
	expect(support.routing.reason).toMatch(/^skills: (Bruno Lima|Carla Reis)/);
	expect(support.sent).toEqual([expect.objectContaining({ api: 'telegram', text: expect.stringContaining('will answer you here shortly') })]);
	expect(String(support.sent[0].to)).toBe(String(userId));
	expect(support.sent[0].path).toContain(EXAMPLE_ACCOUNTS.inboxTelegramBotToken);
});
