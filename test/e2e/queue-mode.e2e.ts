/**
 * Queue mode: n8n's main process takes the webhooks, two `n8n worker` processes run the
 * executions (Redis between them), n8n's own data and the customer store in PostgreSQL.
 * 200 signed webhooks from 50 customers, all at once, across six channels: exactly 50
 * customers, every event in the history once, every execution succeeded, one reply each.
 * Then the inbox routes 20 customers asking for a price at once: no agent over capacity.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { deliver, instagramMessage, messengerMessage, postmarkEmail, telegramMessage, twilioSms, whatsAppMessage, type ProviderRequest } from '../../scripts/n8n-runtime/provider-webhooks';
import { startN8n, type N8nInstance } from '../../scripts/n8n-runtime/n8n-process';
import { databaseUrl, dropPostgresDatabase, preparePostgres } from '../../scripts/n8n-runtime/postgres-database';
import { runtimePaths } from '../../scripts/n8n-runtime/runtime-paths';
import { seedExampleTeam } from '../../scripts/n8n-runtime/example-team';
import { startProviderStandIns, type ProviderStandIns } from '../support/stand-ins';
import { EXAMPLE_ACCOUNTS, freePortPair, installPackage, removeFolder, setUpInstance, standInAcceptance, standInRecords, temporaryUserFolder, triggerUrl } from './support/n8n-under-test';

const POSTGRES = process.env.OMNICHANNEL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = { host: '127.0.0.1', port: 6379 };
const run = randomBytes(4).toString('hex');
const database = `omnichannel_e2e_queue_${run}`;
/** Where preparePostgres puts the customer store. */
const schema = 'omnichannel';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let userFolder: string;
let standIns: ProviderStandIns | undefined;
const processes: N8nInstance[] = [];
let sql: Client;
let storeUrl: string;
let workflowsOfRun: { file: string; id: string; active: boolean }[] = [];


afterAll(async () => {
	await Promise.all(processes.map((instance) => instance.stop(10)));
	await standIns?.close();
	for (const prefix of [`omnichannel-e2e-${run}`, `omnichannel-e2e-cache-${run}`]) {
		spawnSync('sh', ['-c', `redis-cli -h ${REDIS.host} -p ${REDIS.port} --scan --pattern '${prefix}*' | xargs -r redis-cli -h ${REDIS.host} -p ${REDIS.port} del > /dev/null`]);
	}
	await sql?.end().catch(() => undefined);
	await dropPostgresDatabase(databaseUrl(POSTGRES, database)).catch(() => undefined);
	if (userFolder && !process.env.OMNICHANNEL_E2E_KEEP) removeFolder(userFolder);
});

/** The workflow's executions by status, once `expected` of them have finished (or the time is up), and 2 s later: none may follow. */
async function finishedExecutions(workflowId: string, expected: number, timeoutMs: number): Promise<Record<string, number>> {
	const byStatus = async () => {
		const { rows } = await sql.query<{ status: string; count: string }>(`SELECT status, count(*) FROM execution_entity WHERE "workflowId" = $1 GROUP BY status`, [workflowId]);
		return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
	};
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const statuses = await byStatus();
		if (['success', 'error', 'crashed', 'canceled'].reduce((sum, status) => sum + (statuses[status] ?? 0), 0) >= expected) break;
		await sleep(1000);
	}
	await sleep(2000);
	return await byStatus();
}

test('main + 2 workers: 200 concurrent webhooks from 50 customers make exactly 50 customers, each event once, no execution lost, no duplicate reply', async () => {
	const paths = runtimePaths();
	userFolder = temporaryUserFolder('queue');
	await installPackage(userFolder, join(paths.n8nFolder, 'node_modules'));
	const server = await preparePostgres(databaseUrl(POSTGRES, database));
	storeUrl = server.storeUrl;
	standIns = await startProviderStandIns({ accept: standInAcceptance() });
	const env = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: REDIS.host,
		QUEUE_BULL_REDIS_PORT: String(REDIS.port),
		QUEUE_BULL_PREFIX: `omnichannel-e2e-${run}`,
		// In queue mode n8n caches (among others) the published webhooks in Redis: a run of its own, or a previous run's webhooks (same ids) conflict.
		N8N_CACHE_REDIS_KEY_PREFIX: `omnichannel-e2e-cache-${run}`,
		N8N_ENCRYPTION_KEY: `e2e-${run}-${randomBytes(12).toString('hex')}`,
		OMNICHANNEL_STORE: server.storeUrl,
		N8N_LOG_LEVEL: 'warn',
		// n8n's own pool holds 2 connections by default: 200 webhooks at once each write an execution before it is queued.
		DB_POSTGRESDB_POOL_SIZE: '10',
	};
	const mainPort = await freePortPair();
	const main = await startN8n({ paths, userFolder, port: mainPort, database: server.n8n, env, logFile: join(userFolder, 'main.log') });
	processes.push(main);
	const workerPorts = [await freePortPair()];
	let second = await freePortPair();
	while (Math.abs(second - workerPorts[0]) < 2 || Math.abs(second - mainPort) < 2) second = await freePortPair();
	workerPorts.push(second);
	const workers = await Promise.all(workerPorts.map((port, index) => startN8n({ paths, userFolder, port, database: server.n8n, env, command: 'worker', logFile: join(userFolder, `worker-${index + 1}.log`) })));
	processes.push(...workers);

	const { workflows } = await setUpInstance(main.url, { apiUrl: standIns.url, smtpPort: standIns.smtpPort }, userFolder, 'queue');
	workflowsOfRun = workflows;
	const intake = workflows.find((workflow) => workflow.file.includes('omnichannel-intake'))!;
	expect(intake.active).toBe(true);
	const telegramSecret = standIns.telegramWebhooks.get(EXAMPLE_ACCOUNTS.telegramBotToken)?.secretToken ?? '';

	// 50 customers, each writing 4 times on one of the six channels.
	const requests: { node: string; request: ProviderRequest }[] = [];
	for (let customer = 0; customer < 50; customer++) {
		const n = String(customer).padStart(2, '0');
		for (let message = 0; message < 4; message++) {
			const text = `Message ${message + 1} from customer ${n}`;
			switch (customer % 6) {
				case 0:
					requests.push({ node: 'WhatsApp', request: whatsAppMessage({ waId: `55119${run.slice(0, 4).replace(/\D/g, '1')}00${n}`, name: `Customer ${n}`, text }) });
					break;
				case 1:
					requests.push({ node: 'Instagram', request: instagramMessage({ senderId: `1784${customer}00000${run.replace(/\D/g, '7')}`, text }) });
					break;
				case 2:
					requests.push({ node: 'Messenger', request: messengerMessage({ senderId: `2400${customer}00000${run.replace(/\D/g, '3')}`, text }) });
					break;
				case 3:
					requests.push({ node: 'Telegram', request: telegramMessage({ userId: 700000000 + customer, firstName: `Customer${n}`, text, secretToken: telegramSecret, updateId: 900000000 + customer * 10 + message }) });
					break;
				case 4:
					requests.push({ node: 'SMS (Twilio)', request: twilioSms({ from: `+1555200${n}${String(customer % 10)}0`, text, url: triggerUrl(intake, 'SMS (Twilio)') }) });
					break;
				default:
					requests.push({ node: 'E-mail (Postmark)', request: postmarkEmail({ from: `customer.${n}.${run}@example.com`, name: `Customer ${n}`, subject: 'Hello', text }) });
			}
		}
	}
	const sent = Date.now();
	const answers = await Promise.all(requests.map(({ node, request }) => deliver(triggerUrl(intake, node), request, 180_000)));
	process.stdout.write(`200 webhooks answered in ${((Date.now() - sent) / 1000).toFixed(1)} s\n`);
	expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);

	sql = new Client({ connectionString: databaseUrl(POSTGRES, database) });
	await sql.connect();
	const statuses = await finishedExecutions(intake.id, 200, 240_000);
	process.stdout.write(`200 executions finished ${((Date.now() - sent) / 1000).toFixed(1)} s after the first webhook\n`);
	expect(statuses).toEqual({ success: 200 });

	const count = async (query: string) => Number((await sql.query<{ count: string }>(query)).rows[0].count);
	expect(await count(`SELECT count(*) FROM ${schema}.customers WHERE merged_into IS NULL`)).toBe(50);
	expect(await count(`SELECT count(*) FROM ${schema}.events WHERE direction = 'inbound'`)).toBe(200);
	expect(await count(`SELECT count(*) FROM (SELECT customer_id FROM ${schema}.events WHERE direction = 'inbound' GROUP BY customer_id HAVING count(*) = 4) AS each_four`)).toBe(50);
	expect(await count(`SELECT count(*) FROM ${schema}.events WHERE direction = 'outbound'`)).toBe(200);

	const replies = (await standInRecords(standIns.url)).filter((record) => record.text !== undefined);
	expect(replies).toHaveLength(200);
	const perRecipient = new Map<string, number>();
	for (const reply of replies) perRecipient.set(String(reply.to), (perRecipient.get(String(reply.to)) ?? 0) + 1);
	expect(perRecipient.size).toBe(50);
	expect([...perRecipient.values()].every((n) => n === 4)).toBe(true);
}, 480_000);

test('main + 2 workers: 20 customers asking for a price at once are routed to Sales, and no agent gets more chats than their capacity', async () => {
	expect(sql).toBeDefined();
	const paths = runtimePaths();
	// Sales is Ana (3 chats) and Carla (2 chats): workflows/team/agents.csv.
	await seedExampleTeam({ paths, userFolder, store: storeUrl, logFile: join(userFolder, 'team.log') });
	const inbox = workflowsOfRun.find((workflow) => workflow.file.includes('omnichannel-inbox')) as Parameters<typeof triggerUrl>[0] | undefined;
	expect(inbox?.active).toBe(true);
	const answers = await Promise.all(
		Array.from({ length: 20 }, (_, customer) =>
			deliver(triggerUrl(inbox!, 'WhatsApp'), whatsAppMessage({ waId: `55219${run.slice(0, 4).replace(/\D/g, '2')}00${String(customer).padStart(2, '0')}`, name: `Buyer ${customer}`, text: 'How much is the price of the blue jacket?' }), 180_000),
		),
	);
	expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);

	expect(await finishedExecutions(inbox!.id, 20, 180_000)).toEqual({ success: 20 });

	const { rows: conversations } = await sql.query<{ queue: string; assignee_id: string | null }>(`SELECT queue, assignee_id FROM ${schema}.conversations WHERE merged_into IS NULL`);
	expect(conversations).toHaveLength(20);
	expect(conversations.every((conversation) => conversation.queue === 'Sales')).toBe(true);
	const load = new Map<string, number>();
	for (const { assignee_id: agent } of conversations) if (agent) load.set(agent, (load.get(agent) ?? 0) + 1);
	// Two workers routing at once: each agent up to capacity, none over, the others waiting in Sales.
	expect(Object.fromEntries(load)).toEqual({ 'ana@acme.example': 3, 'carla@acme.example': 2 });
}, 300_000);
