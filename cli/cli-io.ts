/** The streams a CLI run reads and writes: the process's own, or PassThrough streams in tests. */
export interface CliIo {
	stdin: NodeJS.ReadableStream;
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	/** Whether stderr is a terminal: progress bars are drawn only then. */
	isTTY?: boolean;
}

/** Exit codes, as the shell sees them. */
export const EXIT = {
	ok: 0,
	/** The store or an input file failed. */
	failure: 1,
	/** The command line is wrong: unknown command or option, missing or conflicting arguments. */
	usage: 2,
	/** The customer asked for does not exist. */
	notFound: 3,
} as const;

/** A failure with the exit code it ends the run with; the message says what to fix. */
export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode: number,
	) {
		super(message);
	}
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);
export const notFoundError = (message: string) => new CliError(message, EXIT.notFound);
export const failure = (message: string) => new CliError(message, EXIT.failure);

/** Writes `text`, waiting when the stream's buffer is full so large outputs never pile up in memory. */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
	if (stream.write(text)) return Promise.resolve();
	return new Promise((resolve) => stream.once('drain', () => resolve()));
}

/** A result document: indented JSON, so that people can read it and jq can parse it. */
export function writeJson(stream: NodeJS.WritableStream, value: unknown): Promise<void> {
	return write(stream, `${JSON.stringify(value, null, 2)}\n`);
}
