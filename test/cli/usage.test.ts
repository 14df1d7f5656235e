import { COMMANDS } from '../../cli/commands';
import { cli } from './cli-harness';

describe('usage', () => {
	it('lists the commands on stderr and exits 2 without a command or with an unknown one', async () => {
		for (const argv of [[], ['frobnicate']]) {
			const run = await cli(argv);
			expect(run).toMatchObject({ code: 2, stdout: '' });
			for (const command of COMMANDS) expect(run.stderr).toContain(`  ${command.name} `);
		}
	});

	it('prints help on stdout for the CLI and for every command', async () => {
		expect(await cli(['--help'])).toMatchObject({ code: 0, stderr: '', stdout: expect.stringContaining('Usage: n8n-omnichannel <command>') });
		for (const command of COMMANDS) {
			for (const argv of [[command.name, '--help'], [command.name, '-h'], ['help', command.name]]) {
				const run = await cli(argv);
				expect(run).toMatchObject({ code: 0, stderr: '' });
				expect(run.stdout).toContain(`Usage: n8n-omnichannel ${command.name}`);
				if ('store' in command.options) expect(run.stdout).toContain('--store');
			}
		}
	});

	it('lists customer with profile, its earlier name, and shows its help under either name', async () => {
		expect((await cli([])).stderr).toMatch(/ {2}customer +show a customer.*\(also: profile\)/);
		for (const argv of [['profile', '--help'], ['help', 'profile']]) {
			const run = await cli(argv);
			expect(run).toMatchObject({ code: 0, stderr: '', stdout: expect.stringContaining('Usage: n8n-omnichannel customer [--store S] (--id ID | --identifier kind:value)') });
		}
	});

	it('rejects unknown options and missing option values with exit 2', async () => {
		expect(await cli(['stats', '--verbose'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--verbose'") });
		expect(await cli(['customer', '--id'])).toMatchObject({ code: 2, stderr: expect.stringContaining("'--id <value>' argument missing") });
		expect(await cli(['stats', 'extra'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unexpected argument extra') });
	});

	it('refuses an option given twice, rather than letting the last one quietly win', async () => {
		const run = await cli(['customer', '--store', 'memory://', '--identifier', 'email:a@example.org', '--identifier', 'email:b@example.org']);
		expect(run).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--identifier is given more than once; give it once') });
		expect(await cli(['stats', '--store', 'memory://', '--store=memory://'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--store is given more than once') });
	});

	it('refuses an empty option value, such as --store "" that would quietly open the default store', async () => {
		for (const command of COMMANDS) {
			for (const option of Object.keys(command.options).filter((name) => command.options[name].type === 'string')) {
				const run = await cli([command.name, `--${option}`, ' ', 'in.jsonl']);
				expect(run).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining(`--${option} is empty: give it a value, or leave it out`) });
			}
		}
	});
});
