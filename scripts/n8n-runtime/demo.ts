/**
 * npm run demo: a customer's journey across channels, played against the n8n that npm start
 * runs. Each step is a webhook signed as its provider signs it, sent to the real production
 * URL; the demo waits for the execution it starts and shows what the workflows did, the
 * unified customer, and the replies the provider stand-ins received. Then it checks that
 * webhooks with a wrong or missing signature are refused and start nothing.
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ImportedWorkflow } from './example-workflows';
import { executionsSince, latestExecutionId, waitForExecution, type ExecutionResult } from './executions';
import { readInstance, type LocalInstance } from './local-instance';
import { deliver, instagramMessage, metaSignature, postmarkAuthorization, postmarkEmail, telegramMessage, twilioSms, whatsAppMessage, withHeader, type ProviderRequest } from './provider-webhooks';
import { N8nRestClient } from './rest-client';

const say = (line = '') => process.stdout.write(`${line}\n`);
/** Text on one line, cut to `length` characters. */
const oneLine = (text: string | undefined, length: number) => {
	const flat = (text ?? '').replace(/\s+/g, ' ').trim();
	return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};

interface Customer {
	id: string;
	identities: { kind: string; value: string }[];
	traits: Record<string, unknown>;
	channels: { channel: string; lastSeenAt: string }[];
	mergedFrom: string[];
	history: { channel: string; direction: string; type: string; timestamp: string; text?: string }[];
}

interface StandInRecord {
	seq: number;
	api: string;
	to?: string;
	text?: string;
	status: number;
}

function newPersona() {
	const digits = `9${randomInt(1000, 9999)}${randomInt(1000, 9999)}`;
	const tag = randomInt(100, 999);
	return {
		name: 'Ana Souza',
		instagramId: `${randomInt(100000000, 999999999)}${randomInt(1000000, 9999999)}`,
		phoneWritten: `+55 11 ${digits.slice(0, 5)}-${digits.slice(5)}`,
		waId: `5511${digits}`,
		email: `ana.souza.${tag}@example.com`,
	};
}

function workflow(instance: LocalInstance, file: string): ImportedWorkflow {
	const found = instance.workflows.find((candidate) => candidate.file.includes(file));
	if (!found?.active) throw new Error(`The workflow of workflows/*${file}*.json is not active in the local n8n; restart npm start`);
	return found;
}

function webhookUrl(found: ImportedWorkflow, node: string): string {
	const webhook = found.webhooks.find((candidate) => candidate.node === node);
	if (!webhook) throw new Error(`No trigger "${node}" in "${found.name}"`);
	return webhook.url;
}

async function records(instance: LocalInstance, since = 0): Promise<StandInRecord[]> {
	return (await (await fetch(`${instance.standIns.apiUrl}/__records?since=${since}`)).json()) as StandInRecord[];
}

const API_NAMES: Record<string, string> = {
	'meta-send': 'Graph API (Instagram/Messenger Send API)',
	'whatsapp-cloud': 'Graph API (WhatsApp Cloud API)',
	telegram: 'Telegram Bot API',
	twilio: 'Twilio Messages API',
	evolution: 'Evolution API',
	smtp: 'SMTP',
};

function customerOf(result: ExecutionResult, node: string): Customer | undefined {
	return result.nodes[node]?.items[0]?.customer as Customer | undefined;
}

/** Sends one step of the journey and returns the execution it started, failing loudly if anything went wrong. */
async function play(client: N8nRestClient, found: ImportedWorkflow, node: string, request: ProviderRequest): Promise<ExecutionResult> {
	const before = await latestExecutionId(client, found.id);
	const answer = await deliver(webhookUrl(found, node), request);
	if (answer.status !== 200) throw new Error(`${request.label}: n8n answered ${answer.status} ${answer.body}`);
	const result = await waitForExecution(client, found.id, before);
	if (result.status !== 'success') throw new Error(`${request.label}: execution ${result.id} ended ${result.status}: ${result.error?.node ?? ''} ${result.error?.message ?? ''}`);
	return result;
}

function describeResolution(result: ExecutionResult, known: Set<string>): string {
	const item = result.nodes['Recognise the customer']?.items[0] as { customer?: Customer; resolution?: { created?: boolean; merged?: string[] } } | undefined;
	const id = item?.customer?.id ?? '?';
	const verb = item?.resolution?.created ? 'new customer' : known.has(id) ? 'the same customer' : 'existing customer';
	known.add(id);
	const merged = item?.resolution?.merged?.length ? `, merging ${item.resolution.merged.join(', ')}` : '';
	const took = result.durationMs === undefined ? '' : ` (execution ${result.id}: ${(result.durationMs / 1000).toFixed(2)} s)`;
	return `${verb} ${id}${merged}${took}`;
}

async function journey(client: N8nRestClient, instance: LocalInstance): Promise<Customer | undefined> {
	const intake = workflow(instance, 'omnichannel-intake');
	const optOut = workflow(instance, 'sms-opt-out');
	const ana = newPersona();
	const known = new Set<string>();
	say(`${ana.name} writes to Acme on Instagram, WhatsApp and e-mail, then stops texts by SMS.`);
	say();

	const text1 = `Hi! I ordered a blue jacket (order #4821) and it hasn't arrived yet. My WhatsApp is ${ana.phoneWritten} and my e-mail is ${ana.email}.`;
	say(`1. Instagram DM from user ${ana.instagramId}: "${text1}"`);
	let result = await play(client, intake, 'Instagram', instagramMessage({ senderId: ana.instagramId, text: text1 }));
	say(`   → Recognise the customer: ${describeResolution(result, known)}`);
	const linked = result.nodes['Link the phone or e-mail they gave']?.items[0] as { customer?: Customer } | undefined;
	if (linked?.customer) {
		const added = linked.customer.identities.filter((identity) => identity.kind === 'phone' || identity.kind === 'email').map((identity) => `${identity.kind} ${identity.value}`);
		say(`   → Link the phone or e-mail they gave: ${added.join(' and ')} now belong to customer ${linked.customer.id}`);
	} else say('   → Link the phone or e-mail they gave: did not run');

	const text2 = "Hi, it's Ana from Instagram. Any news about order #4821?";
	say(`2. WhatsApp message from +${ana.waId}: "${text2}"`);
	result = await play(client, intake, 'WhatsApp', whatsAppMessage({ waId: ana.waId, name: ana.name, text: text2 }));
	say(`   → Recognise the customer: ${describeResolution(result, known)}`);

	const text3 = 'Hello, as promised, my e-mail. Could you send me the invoice for order #4821?';
	say(`3. E-mail from ${ana.email}: "${text3}"`);
	result = await play(client, intake, 'E-mail (Postmark)', postmarkEmail({ from: ana.email, name: ana.name, subject: 'Invoice for order #4821', text: text3 }));
	say(`   → Recognise the customer: ${describeResolution(result, known)}`);

	say(`4. SMS "STOP" from +${ana.waId}`);
	const stopUrl = webhookUrl(optOut, 'STOP or START by SMS');
	result = await play(client, optOut, 'STOP or START by SMS', twilioSms({ from: `+${ana.waId}`, text: 'STOP', url: stopUrl }));
	const consent = customerOf(result, 'Remember their SMS consent');
	say(`   → SMS opt-out: customer ${consent?.id ?? '?'} has smsConsent = ${String(consent?.traits.smsConsent)}`);
	return consent ?? customerOf(result, 'Record it in their history');
}

function printCustomer(customer: Customer) {
	say();
	say(`The customer, as Customer Merge keeps it (${customer.id}):`);
	say(`  Name         ${String(customer.traits.name ?? '')}`);
	say(`  Identifiers  ${customer.identities.map((identity) => `${identity.kind} ${identity.value}`).join(', ')}`);
	say(`  Channels     ${customer.channels.map((channel) => channel.channel).join(', ')}`);
	const traits = Object.entries(customer.traits).filter(([name]) => name !== 'name');
	if (traits.length) say(`  Traits       ${traits.map(([name, value]) => `${name}=${String(value)}`).join(', ')}`);
	say('  History (newest first):');
	for (const entry of customer.history) {
		say(`    ${entry.timestamp.slice(0, 19).replace('T', ' ')}  ${entry.channel.padEnd(9)} ${entry.direction === 'inbound' ? 'from them' : 'from us  '}  ${entry.type === 'message' ? '' : `[${entry.type}] `}${oneLine(entry.text, 90)}`);
	}
	const channels = new Set(customer.history.filter((entry) => entry.direction === 'inbound').map((entry) => entry.channel));
	say(`  → one customer, messages from ${channels.size} channels in one history`);
}

async function printReplies(instance: LocalInstance, since: number) {
	say();
	say('What the provider stand-ins received from n8n (the replies):');
	const sent = (await records(instance, since)).filter((record) => record.text !== undefined);
	for (const record of sent) say(`  ${(API_NAMES[record.api] ?? record.api).padEnd(42)} ${String(record.status)}  to ${record.to}: ${oneLine(record.text, 100)}`);
	if (!sent.length) say('  (nothing)');
}

/** Every trigger must refuse a webhook that is not signed as its provider signs, with 401/403, and start nothing. */
async function refusals(client: N8nRestClient, instance: LocalInstance): Promise<boolean> {
	const intake = workflow(instance, 'omnichannel-intake');
	const telegram = (await (await fetch(`${instance.standIns.apiUrl}/__telegram/webhook?token=${encodeURIComponent('5550009999:AAExampleStandInBotToken_0123456789')}`)).json()) as { secretToken?: string };
	const ig = instagramMessage({ senderId: '9999999999999999', text: 'forged' });
	const wa = whatsAppMessage({ waId: '5511900000000', name: 'Forger', text: 'forged' });
	const tg = telegramMessage({ userId: 5550001234, firstName: 'Forger', text: 'forged', secretToken: telegram.secretToken ?? '' });
	const cases: { node: string; what: string; request: ProviderRequest; expected: number }[] = [
		{ node: 'Instagram', what: 'Instagram DM signed with another App Secret', request: withHeader(ig, 'x-hub-signature-256', metaSignature(ig.body, 'not-the-app-secret')), expected: 403 },
		{ node: 'Instagram', what: 'Instagram DM altered after signing', request: { ...ig, body: Buffer.from(ig.body.toString().replace('forged', 'FORGED')) }, expected: 403 },
		{ node: 'WhatsApp', what: 'WhatsApp message without X-Hub-Signature-256', request: withHeader(wa, 'x-hub-signature-256', undefined), expected: 401 },
		{ node: 'Telegram', what: 'Telegram update with a wrong secret token', request: withHeader(tg, 'x-telegram-bot-api-secret-token', 'wrong-secret'), expected: 403 },
		{ node: 'SMS (Twilio)', what: 'SMS signed for another URL', request: twilioSms({ from: '+15555550199', text: 'forged', url: 'https://attacker.example/webhook' }), expected: 403 },
		{ node: 'E-mail (Postmark)', what: 'E-mail with a wrong Basic auth password', request: withHeader(postmarkEmail({ from: 'x@example.com', name: 'X', subject: 'x', text: 'forged' }), 'authorization', postmarkAuthorization('postmark', 'wrong')), expected: 403 },
		{ node: 'E-mail (Postmark)', what: 'E-mail without Basic auth', request: withHeader(postmarkEmail({ from: 'x@example.com', name: 'X', subject: 'x', text: 'forged' }), 'authorization', undefined), expected: 401 },
	];
	say();
	say('Forged webhooks, sent to the same production URLs:');
	const before = await latestExecutionId(client, intake.id);
	let ok = true;
	for (const check of cases) {
		const answer = await deliver(webhookUrl(intake, check.node), check.request);
		const passed = answer.status === check.expected;
		ok &&= passed;
		say(`  ${passed ? 'refused' : 'NOT REFUSED'} ${answer.status}  ${check.what}${passed ? '' : ` (expected ${check.expected})`}`);
	}
	await new Promise((resolve) => setTimeout(resolve, 1500));
	const started = await executionsSince(client, intake.id, before);
	say(`  executions started by them: ${started}`);
	return ok && started === 0;
}

async function main() {
	const { values } = parseArgs({ options: { 'skip-refusals': { type: 'boolean', default: false } } });
	const instance = readInstance();
	if (!instance) throw new Error('The local n8n is not running: start it with npm start (in another terminal), then run npm run demo.');
	const client = new N8nRestClient(instance.url);
	await client.login(instance.owner);
	const since = (await records(instance)).reduce((max, record) => Math.max(max, record.seq), 0);
	say(`Against ${instance.url} (n8n on ${instance.database}, customers in the ${instance.store})`);
	say();
	const customer = await journey(client, instance);
	if (customer) printCustomer(customer);
	await printReplies(instance, since);
	if (!values['skip-refusals'] && !(await refusals(client, instance))) {
		process.exitCode = 1;
		say('Some forged webhooks were not refused.');
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
