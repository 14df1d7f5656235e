import { removeFolder } from './n8n-under-test';

export default async function globalTeardown(): Promise<void> {
	const run = globalThis.omnichannelE2e;
	if (!run) return;
	await run.n8n?.stop(15);
	await run.standIns?.close();
	if (process.env.OMNICHANNEL_E2E_KEEP) process.stdout.write(`\nKept ${run.userFolder}\n`);
	else removeFolder(run.userFolder);
}
