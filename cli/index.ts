#!/usr/bin/env node
import { runCli } from './run-cli';

export { runCli } from './run-cli';
export type { CliIo } from './cli-io';

if (require.main === module) {
	runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, isTTY: process.stderr.isTTY === true }).then(
		(code) => {
			process.exitCode = code;
		},
		(error: unknown) => {
			process.stderr.write(`n8n-omnichannel: ${(error as Error)?.message ?? String(error)}\n`);
			process.exitCode = 1;
		},
	);
}
