import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs the real entry, as the `n8n-omnichannel` bin would, in its own process. */
function runEntry(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'cli/index.ts', ...args], { cwd: ROOT });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(stdin);
	});
}

describe('the n8n-omnichannel entry in its own process', () => {
	it('starts with a node shebang', () => {
		expect(readFileSync(join(ROOT, 'cli', 'index.ts'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
	});

	it('hands exit codes to the shell and exits once the store is closed', async () => {
		const notFound = await runEntry(['customer', '--store', 'memory://', '--identifier', 'email:nobody@example.org']);
		expect(notFound).toMatchObject({ code: 3, stdout: '' });
		expect(notFound.stderr).toContain('no customer with email "nobody@example.org"');

		const resolved = await runEntry(['resolve', '--store', 'memory://'], '{"identities":[{"kind":"email","value":"spawned@example.org"}]}\nnope\n');
		expect(resolved.code).toBe(0);
		expect(resolved.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
			{ line: 1, customerId: expect.any(String), created: true, merged: [] },
			{ line: 2, error: expect.stringMatching(/^invalid JSON/) },
		]);

		const unknown = await runEntry(['frobnicate']);
		expect(unknown).toMatchObject({ code: 2, stdout: '' });
		expect(unknown.stderr).toContain('unknown command "frobnicate"');
		expect(unknown.stderr).toContain('Usage: n8n-omnichannel <command>');

		const help = await runEntry(['--help']);
		expect(help).toMatchObject({ code: 0, stderr: '' });
		expect(help.stdout).toContain('resolve');
	});
});
