/**
 * Process-wide environment for running n8n-core inside jest.
 *
 * Imported first by the harness so these variables are in place before n8n's
 * DI container builds any config object (config classes read `process.env` when
 * they are constructed, which happens lazily on the first `Container.get`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// InstanceSettings (built the first time a node context is created) reads and, if
// missing, writes `<N8N_USER_FOLDER>/.n8n/config` holding the encryption key
// (used by n8n-core's Credentials/Cipher). Point it at a folder under the OS
// temp dir so tests never touch ~/.n8n: one folder per jest worker, reused across
// runs so nothing piles up. The config file is created here atomically, so two
// test processes starting together never read a half-written file.
if (process.env.N8N_USER_FOLDER === undefined) {
	const userFolder = join(tmpdir(), `n8n-nodes-omnichannel-test-${process.env.JEST_WORKER_ID ?? 'main'}`);
	const n8nFolder = join(userFolder, '.n8n');
	const settingsFile = join(n8nFolder, 'config');
	if (!existsSync(settingsFile)) {
		mkdirSync(n8nFolder, { recursive: true });
		const partialFile = `${settingsFile}.${process.pid}.tmp`;
		writeFileSync(partialFile, JSON.stringify({ encryptionKey: randomBytes(24).toString('base64') }), {
			mode: 0o600,
		});
		renameSync(partialFile, settingsFile);
	}
	process.env.N8N_USER_FOLDER = userFolder;
}

// n8n's Logger writes to the console. Keep test output quiet unless a developer
// asks for logs (N8N_LOG_LEVEL=debug npx jest ...). Tests that want to assert on
// logging can spy on the Logger instance (see `getLogger` in n8n-harness.ts).
process.env.N8N_LOG_LEVEL ??= 'silent';

// Binary data: n8n-core's BinaryDataService is only backed by the filesystem
// after `init()`. The harness never calls it, so `prepareBinaryData` keeps the
// bytes in memory as base64 in `binary.data` (no `id`), which is what n8n does
// when no storage manager is set up; `getBinaryDataBuffer` reads them back.
// When neither a MIME type nor a file name with an extension is given,
// `prepareBinaryData` sniffs the bytes with `import('file-type')` (ESM), which
// jest only allows under `node --experimental-vm-modules` (as `npm test` runs it).
