import { join } from 'node:path';
import { startProviderStandIns, type ProviderStandIns } from '../../support/stand-ins';
import { startN8n, type N8nInstance } from '../../../scripts/n8n-runtime/n8n-process';
import globalTeardown from './global-teardown';
import { seedExampleTeam } from '../../../scripts/n8n-runtime/example-team';
import { runtimePaths } from '../../../scripts/n8n-runtime/runtime-paths';
import { EXAMPLE_ACCOUNTS, freePortPair, installPackage, setUpInstance, standInAcceptance, temporaryUserFolder, writeState } from './n8n-under-test';

declare global {
	// Shared with global-teardown.ts (same process).
	var omnichannelE2e: { n8n?: N8nInstance; standIns?: ProviderStandIns; userFolder: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const paths = runtimePaths();
	const userFolder = temporaryUserFolder('e2e');
	process.env.OMNICHANNEL_E2E_STATE = join(userFolder, 'e2e-state.json');
	try {
		globalThis.omnichannelE2e = { userFolder };
		await setUp(started, paths, userFolder);
	} catch (error) {
		await globalTeardown();
		throw error;
	}
}

async function setUp(started: number, paths: ReturnType<typeof runtimePaths>, userFolder: string): Promise<void> {
	await installPackage(userFolder, join(paths.n8nFolder, 'node_modules'));
	// The agents, queues and gold-plan customer the inbox workflows route to, before n8n opens the store.
	await seedExampleTeam({ paths, userFolder, logFile: join(userFolder, 'package-install.log') });
	const standIns = await startProviderStandIns({ accept: standInAcceptance() });
	globalThis.omnichannelE2e!.standIns = standIns;
	const port = await freePortPair();
	const n8n = await startN8n({ paths, userFolder, port });
	globalThis.omnichannelE2e!.n8n = n8n;
	const addresses = { apiUrl: standIns.url, smtpPort: standIns.smtpPort };
	const { workflows } = await setUpInstance(n8n.url, addresses, userFolder);
	const telegram = standIns.telegramWebhooks.get(EXAMPLE_ACCOUNTS.telegramBotToken);
	writeState({
		url: n8n.url,
		pid: n8n.pid,
		userFolder,
		logFile: n8n.logFile,
		standIns: addresses,
		telegramSecret: telegram?.secretToken ?? '',
		workflows,
		setupSeconds: (Date.now() - started) / 1000,
		n8nStartSeconds: n8n.startSeconds,
	});
	process.stdout.write(`\nn8n under test: ${n8n.url} (ready in ${n8n.startSeconds.toFixed(1)} s, set up in ${((Date.now() - started) / 1000).toFixed(1)} s), user folder ${userFolder}\n`);
}
