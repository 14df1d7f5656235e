import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseResolveInput, type ResolveInput, type ResolveOutcome } from '../../core';
import { EXIT, usageError, write } from '../cli-io';
import { stringOption, type Command } from '../command';
import { DEFAULT_COUNTRY_HELP, DEFAULT_COUNTRY_OPTION, defaultCountry } from '../default-country-option';
import { openInput } from '../input-file';
import { BATCH_SIZE, resolveInBatch } from '../resolve-in-batches';
import { openGraph, STORE_HELP, STORE_OPTION, type OpenGraph } from '../store-option';
import { timedBatches } from '../timed-batches';

/** A line read from a slow input is answered within about this long, however few lines follow it. */
const ANSWER_WITHIN_MS = 1000;

/** One non-blank input line: what it asks to resolve, or why it can't be read. */
interface InputLine {
	line: number;
	input?: ResolveInput;
	error?: string;
}

function readLine(line: number, text: string): InputLine {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return { line, error: `invalid JSON: ${(error as Error).message}` };
	}
	try {
		return { line, input: parseResolveInput(value) };
	} catch (error) {
		return { line, error: (error as Error).message };
	}
}

/** The output line for one input line: its customer, or its error; warnings only when there are some. */
function resultLine(line: number, outcome: ResolveOutcome): string {
	if (outcome.error || !outcome.customerId) {
		return JSON.stringify({ line, error: outcome.error ?? (outcome.warnings.join('; ') || 'not resolved') });
	}
	const result: Record<string, unknown> = { line, customerId: outcome.customerId, created: outcome.created, merged: outcome.merged };
	if (outcome.warnings.length) result.warnings = outcome.warnings;
	return JSON.stringify(result);
}

export const resolveCommand: Command = {
	name: 'resolve',
	summary: 'resolve JSON lines (events or identifiers) to customers, merging where they meet',
	help: `Usage: n8n-omnichannel resolve [--store S] [--default-country CC] [FILE|-]

Reads JSON lines from FILE (or stdin when FILE is - or absent). Each line is a canonical
event, or identifiers with an optional name and traits:
  {"identities":[{"kind":"phone","value":"(11) 98765-4321","country":"BR"},
                 {"kind":"email","value":"ana@example.org"}],"name":"Ana","traits":{"plan":"gold"}}
"country" (a two-letter code) reads national phone numbers; on the line itself it applies to
every identifier without one, before --default-country.
Kinds: phone, email, whatsapp (a WhatsApp id), whatsapp_bsuid, messenger, instagram,
telegram, webchat, external, hubspot, salesforce, pipedrive, rdstation.

Writes one JSON line per input line, in input order (blank lines are skipped but counted):
  {"line":1,"customerId":"…","created":true,"merged":[]}
  {"line":2,"customerId":"…","created":false,"merged":["<id merged into customerId>"],"warnings":["…"]}
  {"line":3,"error":"invalid JSON: …"}
"warnings" appears only when there are some. Lines are resolved ${BATCH_SIZE} at a time, one
transaction each, so files of any size stream through; each batch is answered as soon as it
is stored, and one is cut early when the input pauses: a line waits at most about a second.

Exit status: 0 (bad lines included, as error lines), 1 when the store or FILE fails, 2 on a
usage error.

Options:
${STORE_HELP}
${DEFAULT_COUNTRY_HELP}`,
	options: { ...STORE_OPTION, ...DEFAULT_COUNTRY_OPTION },
	async run({ values, positionals }, io) {
		if (positionals.length > 1) throw usageError(`one input file at most, got ${positionals.length}: ${positionals.join(' ')}`);
		const country = defaultCountry(values);
		const input = await openInput(positionals[0], io.stdin);
		try {
			await resolveLines(input, await openGraph(stringOption(values, 'store')), country, io.stdout);
		} finally {
			if (input !== io.stdin) (input as Readable).destroy();
		}
		return EXIT.ok;
	},
};

/** Resolves the JSON lines of `input` in batches and writes one result line per input line, in order, each batch as soon as it is stored. */
async function resolveLines(input: NodeJS.ReadableStream, { graph, config }: OpenGraph, country: string | undefined, stdout: NodeJS.WritableStream) {
	const reader = createInterface({ input, crlfDelay: Infinity });
	let lineNumber = 0;
	for await (const texts of timedBatches(reader, BATCH_SIZE, ANSWER_WITHIN_MS)) {
		const batch: InputLine[] = [];
		for (const raw of texts) {
			lineNumber++;
			const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
			if (text.trim()) batch.push(readLine(lineNumber, text));
		}
		const resolvable = batch.filter((item) => item.input);
		const outcomes = await resolveInBatch(graph, config, resolvable.map((item) => item.input!), country);
		const byLine = new Map(resolvable.map((item, index) => [item.line, outcomes[index]]));
		const lines = batch.map((item) => (item.error !== undefined ? JSON.stringify({ line: item.line, error: item.error }) : resultLine(item.line, byLine.get(item.line)!)));
		if (lines.length) await write(stdout, `${lines.join('\n')}\n`);
	}
}
