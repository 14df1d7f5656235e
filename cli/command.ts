import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io';

export type OptionValues = Record<string, string | boolean | undefined>;

export interface ParsedArgs {
	values: OptionValues;
	positionals: string[];
}

/**
 * One subcommand of `n8n-omnichannel`. A new command is one file in cli/commands/ exporting a
 * Command, plus one line in the table of cli/commands/index.ts.
 */
export interface Command {
	name: string;
	/** Earlier names of the command, still accepted so that scripts written with them keep working. */
	aliases?: string[];
	/** One line, for the list of commands. */
	summary: string;
	/** The full help, shown by `n8n-omnichannel <name> --help`. */
	help: string;
	/** Options for node's util.parseArgs (`--help` is added for every command). */
	options: NonNullable<ParseArgsConfig['options']>;
	/** Runs the command and returns the exit code; throws a CliError for a failure with its own code. */
	run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** The value of a string option, or undefined when it was not given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
	const value = values[name];
	return typeof value === 'string' ? value : undefined;
}
