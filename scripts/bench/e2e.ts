/**
 * npm run bench:e2e: the package through a real n8n. A signed WhatsApp webhook → Customer
 * Merge → Omnichannel Reply to the stand-in, next to n8n's own Webhook → Respond to Webhook on
 * the same instance in the same run: executions per second, p50/p99 HTTP latency, the ratio; and
 * n8n's resident memory (VmRSS) before, 5 s after the 500th and the 5,000th execution, idle again, and its peak.
 * The last line: e2e_ratio=<throughput ratio> memory_growth=<fraction, 500 → 5,000>.
 *
 *   BENCH_E2E_CONCURRENCY (16), BENCH_E2E_BASELINE (1000), BENCH_E2E_TOTAL (5000),
 *   BENCH_E2E_CPU_PROF=<folder> (n8n writes a .cpuprofile there when it stops)
 *   BENCH_E2E_POSTGRES=postgres://… (default postgres://postgres@127.0.0.1:5432/postgres: n8n's data
 *   and the customer store in a new database of that server, as a production n8n under load runs),
 *   or BENCH_E2E_POSTGRES=none for n8n's SQLite and the embedded store
 *   N8N_EXPRESSION_ENGINE, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=false (n8n's own default) are passed on to n8n
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProviderStandIns } from '../../test/support/stand-ins';
import { freePortPair, installPackage, removeFolder, standInAcceptance, temporaryUserFolder } from '../../test/e2e/support/n8n-under-test';
import { ensureCredentials, exampleCredentials } from '../n8n-runtime/example-credentials';
import { waitUntilPublished } from '../n8n-runtime/example-workflows';
import { startN8n } from '../n8n-runtime/n8n-process';
import { databaseUrl, dropPostgresDatabase, preparePostgres } from '../n8n-runtime/postgres-database';
import { deliver, whatsAppMessage } from '../n8n-runtime/provider-webhooks';
import { N8nRestClient } from '../n8n-runtime/rest-client';
import { runtimePaths } from '../n8n-runtime/runtime-paths';

const say = (line = '') => process.stdout.write(`${line}\n`);
const CONCURRENCY = Number(process.env.BENCH_E2E_CONCURRENCY ?? 16);
const BASELINE = Number(process.env.BENCH_E2E_BASELINE ?? 1000);
const TOTAL = Math.max(501, Number(process.env.BENCH_E2E_TOTAL ?? 5000));
const OWNER = { email: 'bench@example.com', password: 'Omnichannel1', firstName: 'Bench', lastName: 'Mark' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function statusMegabytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith(`${field}:`));
	return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024;
}

/** Resident memory once the last execution has been saved and n8n is quiet for a moment: what stays, not what is in flight. */
async function settledRss(pid: number): Promise<number> {
	await sleep(5000);
	return statusMegabytes(pid, 'VmRSS');
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function successCount(client: N8nRestClient, workflowId: string): Promise<number> {
	const page = await client.request<{ count: number }>('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId, status: ['success'] }))}&limit=1`);
	return page.count;
}

/** Sends `total` requests, `CONCURRENCY` at a time, then waits until `done()` reaches `target`; returns executions/s and latencies. */
async function drive(total: number, send: (index: number) => Promise<number>, done: () => Promise<number>, target: number) {
	const latencies: number[] = [];
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < total) {
				const index = next++;
				const at = performance.now();
				const status = await send(index);
				latencies.push(performance.now() - at);
				if (status !== 200) throw new Error(`request ${index} got ${status}`);
			}
		}),
	);
	for (let waited = 0; (await done()) < target; waited++) {
		if (waited > 6000) throw new Error(`executions did not finish: ${await done()} of ${target}`);
		await sleep(100);
	}
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	return { perSecond: total / seconds, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main() {
	const paths = runtimePaths();
	const userFolder = temporaryUserFolder('bench');
	const standIns = await startProviderStandIns({ accept: standInAcceptance() });
	const profile = process.env.BENCH_E2E_CPU_PROF;
	const given = process.env.BENCH_E2E_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const postgres = given === 'none' ? undefined : given;
	const benchDatabase = postgres ? databaseUrl(postgres, `bench_e2e_${Date.now()}`) : undefined;
	let n8n;
	try {
		await installPackage(userFolder, join(paths.n8nFolder, 'node_modules'));
		const server = benchDatabase ? await preparePostgres(benchDatabase) : undefined;
		const env = { N8N_LOG_LEVEL: 'warn', OMNICHANNEL_STORE: server?.storeUrl, ...(profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profile}` } : {}) };
		n8n = await startN8n({ paths, userFolder, port: await freePortPair(), database: server?.n8n, env });
		say(`n8n's data and the customer store: ${server ? server.description : 'SQLite and the embedded store'}`);
		// n8n 2.x evaluates expressions in isolates (engine "vm"); how it acquires them weighs on both workflows (see README).
		say(
			`n8n's expression engine: ${process.env.N8N_EXPRESSION_ENGINE ?? "vm (n8n's default)"}, isolates acquired lazily: ${process.env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE ?? 'true (as npm start runs n8n)'}`,
		);
		const client = new N8nRestClient(n8n.url);
		await client.ensureOwner(OWNER);
		const credentials = await ensureCredentials(client, exampleCredentials({ apiUrl: standIns.url, smtpPort: standIns.smtpPort }));
		const wa = credentials.get('Example WhatsApp Cloud API (local stand-in)')!;
		const webhookId = randomUUID();
		const ours = await client.createWorkflow({
			name: 'Bench: WhatsApp → Customer Merge → Reply',
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: randomUUID(), name: 'WhatsApp', type: 'n8n-nodes-omnichannel.omnichannelWhatsAppTrigger', typeVersion: 1.1, position: [0, 0], parameters: { events: 'messages' }, webhookId, credentials: { omnichannelWhatsAppCloudApi: { id: wa.id, name: wa.name } } },
				{ id: randomUUID(), name: 'Customer Merge', type: 'n8n-nodes-omnichannel.customerMerge', typeVersion: 2, position: [220, 0], parameters: {} },
				{ id: randomUUID(), name: 'Reply', type: 'n8n-nodes-omnichannel.omnichannelReply', typeVersion: 2, position: [440, 0], parameters: { channels: ['whatsappCloud'], text: '=Thanks {{ $json.from.name }}' }, credentials: { omnichannelWhatsAppCloudApi: { id: wa.id, name: wa.name } } },
			],
			connections: { WhatsApp: { main: [[{ node: 'Customer Merge', type: 'main', index: 0 }]] }, 'Customer Merge': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
		});
		const basePath = `bench-${randomUUID()}`;
		// n8n's own nodes doing what ours do at the least: take the webhook, answer with one personalised line
		// (an expression, as Reply's text is, so both pay n8n's expression engine alike).
		const base = await client.createWorkflow({
			name: 'Bench: Webhook → Respond to Webhook',
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { httpMethod: 'POST', path: basePath, responseMode: 'responseNode', options: {} }, webhookId: randomUUID() },
				{
					id: randomUUID(),
					name: 'Respond to Webhook',
					type: 'n8n-nodes-base.respondToWebhook',
					typeVersion: 1.5,
					position: [220, 0],
					parameters: { respondWith: 'text', responseBody: '=Thanks {{ $json.body.entry[0].changes[0].value.contacts[0].profile.name }}', options: {} },
				},
			],
			connections: { Webhook: { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] } },
		});
		for (const workflow of [ours, base]) {
			await client.activateWorkflow(workflow.id, workflow.versionId);
			await waitUntilPublished(client, workflow.id, workflow.name);
		}
		const oursUrl = `${n8n.url}/webhook/${webhookId}/webhook`;
		const baseUrl = `${n8n.url}/webhook/${basePath}`;
		const replies = async () => standIns.records.filter((record) => record.api === 'whatsapp-cloud' && record.text !== undefined).length;
		// 1,000 customers writing again and again: new customers first, then known ones.
		const sendOurs = (index: number) => deliver(oursUrl, whatsAppMessage({ waId: `55119${String(index % 1000).padStart(8, '0')}`, name: `Customer ${index % 1000}`, text: `Message ${index}` })).then((answer) => answer.status);
		const body = JSON.stringify(JSON.parse(whatsAppMessage({ waId: '5511900000000', name: 'Base', text: 'x' }).body.toString()));
		const sendBase = () => fetch(baseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (response) => (await response.text(), response.status));

		await sleep(3000);
		const before = statusMegabytes(n8n.pid, 'VmRSS');
		say(`n8n ${n8n.url} (pid ${n8n.pid}), concurrency ${CONCURRENCY}; VmRSS before: ${before.toFixed(0)} MB`);
		const baseline = await drive(BASELINE, sendBase, () => successCount(client, base.id), BASELINE);
		say(`n8n Webhook → Respond to Webhook:      ${baseline.perSecond.toFixed(1)} executions/s, p50 ${baseline.p50.toFixed(1)} ms, p99 ${baseline.p99.toFixed(1)} ms (${BASELINE} in ${baseline.seconds.toFixed(1)} s)`);
		const first = await drive(500, sendOurs, replies, 500);
		const after500 = await settledRss(n8n.pid);
		say(`WhatsApp → Customer Merge → Reply:      ${first.perSecond.toFixed(1)} executions/s, p50 ${first.p50.toFixed(1)} ms, p99 ${first.p99.toFixed(1)} ms (first 500 in ${first.seconds.toFixed(1)} s); VmRSS ${after500.toFixed(0)} MB`);
		const rest = await drive(TOTAL - 500, (index) => sendOurs(index + 500), replies, TOTAL);
		const after5000 = await settledRss(n8n.pid);
		say(`WhatsApp → Customer Merge → Reply:      ${rest.perSecond.toFixed(1)} executions/s, p50 ${rest.p50.toFixed(1)} ms, p99 ${rest.p99.toFixed(1)} ms (next ${TOTAL - 500} in ${rest.seconds.toFixed(1)} s); VmRSS ${after5000.toFixed(0)} MB`);
		await sleep(10_000);
		const idle = statusMegabytes(n8n.pid, 'VmRSS');
		say(`VmRSS idle 15 s later: ${idle.toFixed(0)} MB, peak during the run ${statusMegabytes(n8n.pid, 'VmHWM').toFixed(0)} MB; replies received by the stand-in: ${await replies()} (expected ${TOTAL})`);
		const oursRate = TOTAL / (first.seconds + rest.seconds);
		const ratio = oursRate / baseline.perSecond;
		say(`throughput: ours ${oursRate.toFixed(1)}/s vs n8n's own ${baseline.perSecond.toFixed(1)}/s`);
		say(`e2e_ratio=${ratio.toFixed(3)} memory_growth=${((after5000 - after500) / after500).toFixed(3)}`);
	} finally {
		await n8n?.stop(20);
		await standIns.close();
		if (benchDatabase) await dropPostgresDatabase(benchDatabase);
		removeFolder(userFolder);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
