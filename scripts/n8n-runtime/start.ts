/**
 * npm start: the package running in a real n8n on this machine.
 *
 *   npm start                  n8n on SQLite, customers in the embedded store
 *   npm start -- --postgres    n8n and the customer store in PostgreSQL (127.0.0.1:5432)
 *   npm start -- --postgres=postgres://user:password@host:5432/db
 *
 * Provisions the runtime on first use, installs the freshly built package as a community
 * package, starts the provider stand-ins and n8n, sets up the owner account, the example
 * credentials and workflows, and prints where everything is. Ctrl-C stops it all.
 */
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { startProviderStandIns, type ProviderStandIns } from '../../test/support/stand-ins';
import { ensureCredentials, EXAMPLE_ACCOUNTS, exampleCredentials, standInAcceptance } from './example-credentials';
import { seedExampleTeam, TEAM_FOLDER } from './example-team';
import { importExampleWorkflows, waitUntilPublished, type ImportedWorkflow } from './example-workflows';
import { folderMegabytes, installIntoUserFolder, packPackage, PACKAGE_NAME, useN8nWorkflowOfN8n } from './install-package';
import { DEFAULT_POSTGRES_URL, LOCAL_OWNER, LOCAL_PORTS, LOCAL_USER_FOLDER, REPO_ROOT, removeInstance, writeInstance } from './local-instance';
import { startN8n, type N8nDatabase, type N8nInstance } from './n8n-process';
import { preparePostgres } from './postgres-database';
import { provisionRuntime } from './provision';
import { N8nRestClient } from './rest-client';
import { formatSeconds } from './run-command';

const say = (line = '') => process.stdout.write(`${line}\n`);
const shown = (path: string) => relative(REPO_ROOT, path) || '.';

function options() {
	const { values } = parseArgs({
		options: {
			postgres: { type: 'string' },
			port: { type: 'string' },
		},
		args: process.argv.slice(2).map((arg) => (arg === '--postgres' ? `--postgres=${process.env.OMNICHANNEL_START_POSTGRES || DEFAULT_POSTGRES_URL}` : arg)),
	});
	const postgres = values.postgres ?? (process.env.OMNICHANNEL_START_POSTGRES || undefined);
	return { postgres, port: Number(values.port ?? process.env.N8N_LOCAL_PORT ?? LOCAL_PORTS.n8n) };
}

/**
 * A Telegram trigger registers its webhook (with a fresh secret) when its workflow is
 * published, not when n8n restarts. If the stand-in does not know an example bot's webhook
 * (its file was removed, or the workflow was published before it kept them), publish the
 * workflows with a Telegram trigger again so that it registers.
 */
async function registerTelegramWebhooks(client: N8nRestClient, workflows: ImportedWorkflow[], standIns: ProviderStandIns): Promise<void> {
	if ([EXAMPLE_ACCOUNTS.telegramBotToken, EXAMPLE_ACCOUNTS.inboxTelegramBotToken].every((token) => standIns.telegramWebhooks.has(token))) return;
	for (const workflow of workflows.filter((candidate) => candidate.active && candidate.webhooks.some((webhook) => webhook.type.endsWith('.omnichannelTelegramTrigger')))) {
		await client.deactivateWorkflow(workflow.id);
		await client.activateWorkflow(workflow.id, (await client.getWorkflow(workflow.id)).versionId);
		await waitUntilPublished(client, workflow.id, workflow.name);
	}
}

function printSummary(n8n: N8nInstance, workflows: ImportedWorkflow[], standIns: ProviderStandIns, store: string, database: string, seconds: number) {
	const rule = '─'.repeat(78);
	say(rule);
	say(`n8n ${database === 'sqlite' ? 'on SQLite' : `on ${database}`}, customers in the ${store}; ready in ${formatSeconds(seconds)}`);
	say();
	say(`  Editor   ${n8n.url}`);
	say(`  Login    ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}`);
	say();
	for (const workflow of workflows) {
		say(`  ${workflow.name} (${workflow.file}): ${workflow.active ? 'active' : 'not active'}${workflow.action === 'kept' ? '' : `, ${workflow.action}`}`);
		if (workflow.active) for (const webhook of workflow.webhooks) say(`      ${webhook.node.padEnd(26)} POST ${webhook.url}`);
	}
	say();
	say(`  Provider stand-ins  ${standIns.url}   (what they received: ${standIns.url}/__records)`);
	say(`  SMTP sink           127.0.0.1:${standIns.smtpPort}`);
	say(`  n8n log             ${shown(n8n.logFile)}`);
	say();
	say('  Play a customer journey against it: npm run demo (in another terminal)');
	say('  Ctrl-C stops n8n and the stand-ins.');
	say(rule);
}

async function main(): Promise<void> {
	const started = Date.now();
	const { postgres, port } = options();
	const userFolder = LOCAL_USER_FOLDER;
	say(`${PACKAGE_NAME} in a real n8n (data in ${shown(userFolder)}/)`);
	const paths = await provisionRuntime({ say });

	const installLog = join(userFolder, 'package-install.log');
	const tarball = await packPackage(join(userFolder, 'pack'), installLog);
	const installed = await installIntoUserFolder(tarball, userFolder, installLog);
	if (installed.installed) {
		const megabytes = await folderMegabytes(join(userFolder, '.n8n', 'nodes'));
		say(`Package: ${shown(tarball)} installed into ${shown(join(userFolder, '.n8n', 'nodes'))} as n8n installs community packages (--omit=peer --ignore-scripts): ${installed.dependencies.length} dependencies, ${megabytes ?? '?'} MB`);
	} else say('Package: unchanged since the last start');
	useN8nWorkflowOfN8n(userFolder, join(paths.n8nFolder, 'node_modules'));

	let standIns: ProviderStandIns;
	try {
		standIns = await startProviderStandIns({
			port: LOCAL_PORTS.standIns,
			smtpPort: LOCAL_PORTS.smtp,
			accept: standInAcceptance(),
			// Per n8n database: each holds its own copy of the Telegram trigger's secret.
			telegramWebhooksFile: join(userFolder, `stand-ins-telegram-webhooks-${postgres ? 'postgres' : 'sqlite'}.json`),
		});
	} catch (error) {
		throw new Error(`Could not start the provider stand-ins on ports ${LOCAL_PORTS.standIns} and ${LOCAL_PORTS.smtp} (is npm start already running?): ${(error as Error).message}`);
	}
	say(`Stand-ins: provider APIs on ${standIns.url}, SMTP on 127.0.0.1:${standIns.smtpPort}`);

	let database: N8nDatabase = { type: 'sqlite' };
	let storeUrl: string | undefined;
	let storeDescription = `embedded store (${shown(join(userFolder, '.n8n', 'omnichannel'))})`;
	let databaseDescription = 'sqlite';
	if (postgres) {
		const setup = await preparePostgres(postgres);
		database = setup.n8n;
		storeUrl = setup.storeUrl;
		storeDescription = `${setup.description}, schema omnichannel`;
		databaseDescription = setup.description;
	}
	// Before n8n starts: the embedded store is opened by one process at a time.
	await seedExampleTeam({ paths, userFolder, store: storeUrl, logFile: installLog });
	say(`Team: the agents and queues of ${shown(TEAM_FOLDER)}/ in the customer store, with a gold-plan customer for the VIP route`);
	say(`n8n: starting on http://127.0.0.1:${port} (${databaseDescription === 'sqlite' ? 'SQLite' : databaseDescription}; log ${shown(join(userFolder, 'n8n.log'))})…`);
	let n8n: N8nInstance | undefined;
	let stopping = false;
	const stopAll = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the stand-ins…');
		removeInstance(userFolder);
		await n8n?.stop();
		await standIns.close();
		say('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));
	// Last resort if this process dies: n8n runs in its own process group and would outlive it.
	process.on('exit', () => {
		if (n8n && n8n.child.exitCode === null) {
			try {
				process.kill(-n8n.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
	});

	try {
		n8n = await startN8n({ paths, userFolder, port, database, env: { OMNICHANNEL_STORE: storeUrl } });
		say(`n8n: ready in ${formatSeconds(n8n.startSeconds)}`);
		const client = new N8nRestClient(n8n.url);
		const { created } = await client.ensureOwner(LOCAL_OWNER);
		say(created ? `Owner account created: ${LOCAL_OWNER.email}` : `Logged in as ${LOCAL_OWNER.email}`);
		const credentials = await ensureCredentials(client, exampleCredentials({ apiUrl: standIns.url, smtpPort: standIns.smtpPort }));
		say(`Credentials: ${credentials.size} examples pointing at the stand-ins`);
		const workflows = await importExampleWorkflows(client, {
			credentials,
			standInsUrl: standIns.url,
			stateFile: join(userFolder, 'example-workflows.json'),
			databaseKey: postgres ? databaseDescription : 'sqlite',
		});
		await registerTelegramWebhooks(client, workflows, standIns);
		writeInstance({
			url: n8n.url,
			pid: process.pid,
			startedAt: new Date(started).toISOString(),
			owner: { email: LOCAL_OWNER.email, password: LOCAL_OWNER.password },
			userFolder,
			database: postgres ? 'postgres' : 'sqlite',
			store: storeDescription,
			standIns: { apiUrl: standIns.url, smtpPort: standIns.smtpPort },
			workflows,
			logFile: n8n.logFile,
		});
		printSummary(n8n, workflows, standIns, storeDescription, databaseDescription, (Date.now() - started) / 1000);
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n`);
		await stopAll(1);
		return;
	}
	const code = await n8n.exited;
	if (!stopping) {
		process.stderr.write(`n8n exited unexpectedly (code ${code}); see ${n8n.logFile}\n`);
		await stopAll(1);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
