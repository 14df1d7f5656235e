import { parseArgs } from 'node:util';
import { closeStores } from '../core';
import { CliError, EXIT, type CliIo } from './cli-io';
import type { Command } from './command';
import { COMMANDS } from './commands';

const BIN = 'n8n-omnichannel';

function usage(): string {
	const width = Math.max(...COMMANDS.map((command) => command.name.length));
	return `Usage: ${BIN} <command> [options]

Administers the omnichannel customer store: one customer, one history across channels.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}${command.aliases?.length ? ` (also: ${command.aliases.join(', ')})` : ''}`).join('\n')}

Commands that use the store take --store <folder | postgres://URL | memory://> (default: the embedded
store in the n8n user folder). Run "${BIN} <command> --help" for a command's options.

Exit status: 0 done, 1 the store or an input file failed, 2 usage error, 3 not found.
`;
}

/** The command called `name`, by its name or an earlier one. */
function commandNamed(name: string | undefined): Command | undefined {
	return COMMANDS.find((candidate) => candidate.name === name || candidate.aliases?.includes(name ?? ''));
}

function parse(command: Command, args: string[]) {
	const usage = (message: string) => new CliError(`${message}\nRun "${BIN} ${command.name} --help" for its options.`, EXIT.usage);
	let parsed;
	try {
		parsed = parseArgs({ args, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true, tokens: true });
	} catch (error) {
		throw usage((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
	}
	// Otherwise the last one would quietly win: --identifier a --identifier b looks up b.
	const tokens = parsed.tokens as { kind: string; name?: string; value?: string }[];
	const given = tokens.flatMap((token) => (token.kind === 'option' && token.value !== undefined ? [token.name] : []));
	const twice = given.find((name, index) => given.indexOf(name) !== index);
	if (twice) throw usage(`--${twice} is given more than once; give it once`);
	// An empty value is an unset variable in a script: --store "" must not quietly mean the default store.
	const empty = tokens.find((token) => token.kind === 'option' && token.value !== undefined && !token.value.trim());
	if (empty) throw usage(`--${empty.name} is empty: give it a value, or leave it out`);
	return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * Runs the CLI on `argv` (the arguments after the program name) and returns the exit code.
 * Results go to stdout, messages to stderr; every store it opened is closed before it returns.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
	const [name, ...args] = argv;
	if (name === '--help' || name === '-h' || name === 'help') {
		const command = commandNamed(args[0]);
		io.stdout.write(command ? `${command.help}\n` : usage());
		return EXIT.ok;
	}
	const command = commandNamed(name);
	if (!command) {
		io.stderr.write(`${name === undefined ? '' : `${BIN}: unknown command "${name}"\n\n`}${usage()}`);
		return EXIT.usage;
	}
	try {
		const parsed = parse(command, args);
		if (parsed.values.help) {
			io.stdout.write(`${command.help}\n`);
			return EXIT.ok;
		}
		return await command.run(parsed, io);
	} catch (error) {
		const cliError = error instanceof CliError ? error : undefined;
		const message = cliError ? cliError.message : `unexpected failure: ${(error as Error)?.message ?? String(error)}`;
		io.stderr.write(`${BIN} ${command.name}: ${message}\n`);
		return cliError?.exitCode ?? EXIT.failure;
	} finally {
		await closeStores();
	}
}
