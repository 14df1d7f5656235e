import { describeStore, type ForgottenPolicy, type ResolveInput } from '../../core';
import { CliError, EXIT, failure, usageError, writeJson, type CliIo } from '../cli-io';
import { stringOption, type Command } from '../command';
import { mapColumns, rowInput, type ColumnMap } from '../csv/column-map';
import { openCsv, type CsvFile } from '../csv/csv-records';
import { DEFAULT_COUNTRY_HELP, DEFAULT_COUNTRY_OPTION, defaultCountry } from '../default-country-option';
import { ProgressBar } from '../progress-bar';
import { BATCH_SIZE, resolveInBatch } from '../resolve-in-batches';
import { openGraph, STORE_HELP, STORE_OPTION, type OpenGraph } from '../store-option';

/** Rejections listed one by one in the summary; beyond this only their number is. */
const LISTED_REJECTIONS = 1000;

interface ImportSummary {
	file: string;
	store: string;
	format: { delimiter: string; encoding: string };
	rows: number;
	created: number;
	matched: number;
	merged: number;
	rejected: number;
	rejections: { row: number; reason: string }[];
	/** Rows holding an identifier of a forgotten customer, skipped whole. */
	skippedForgotten: number;
	warnings: number;
	incomplete?: boolean;
}

export const importCommand: Command = {
	name: 'import',
	summary: 'seed customers from a CRM or spreadsheet export (CSV with a header row)',
	help: `Usage: n8n-omnichannel import [--store S] [--default-country CC] [--allow-forgotten] FILE.csv

Reads a CSV export with a header row: comma, semicolon (Excel in Brazil and Europe), tab or
| delimited, as the header line shows; RFC 4180 quotes; UTF-8 with or without BOM, or
Windows-1252. Columns are recognized by header, whatever the case, accents and spacing:
  name, full name, nome                  → name (or first name + last name, sobrenome)
  email, e-mail                          → e-mail
  phone, telefone, mobile, celular       → phone (national formats need a country)
  whatsapp                               → a WhatsApp id when it is digits only, else a phone
  country, país                          → country of that row's phones (also kept as a trait)
  external_id, id                        → external id
  hubspot, salesforce, pipedrive, rdstation (or hubspot_id …) → CRM record ids
  instagram, messenger, telegram, webchat, whatsapp_bsuid     → channel ids
Every other column becomes a trait, named by its header; empty cells are skipped. Values from
the file overwrite the same traits on customers that already exist (name included). Rows that
match several existing customers merge them, as resolution does. Rows with every cell empty
are skipped. Rows holding an identifier of a forgotten customer are skipped whole (see forget),
so that re-importing an old export does not bring back a person who asked to be erased.

Prints a summary as JSON on stdout:
  {"rows": 1200, "created": 1100, "matched": 93, "merged": 3, "rejected": 5,
   "rejections": [{"row": 14, "reason": "no usable identifier: …"}], "skippedForgotten": 2,
   "warnings": 8, …}
"row" is the row number as a spreadsheet shows it (the header is row 1); "matched" counts rows
that found a customer already known (from the store, or from an earlier row of the file);
"merged" counts customers merged into another; "skippedForgotten" the rows skipped because
they hold an identifier of a forgotten customer. A progress bar is drawn on stderr when it is
a terminal. Rows are resolved ${BATCH_SIZE} at a time, one transaction each.

Exit status: 0, 1 when FILE can't be read or the store fails (rows before that point stay
imported; the summary says how far it got), 2 on a usage error.

Options:
${STORE_HELP}
${DEFAULT_COUNTRY_HELP}
  --allow-forgotten
      Import rows of forgotten customers too, as new customers: only when the person has
      agreed to be known again (or the erasure was a mistake).`,
	options: { ...STORE_OPTION, ...DEFAULT_COUNTRY_OPTION, 'allow-forgotten': { type: 'boolean' } },
	async run({ values, positionals }, io) {
		if (positionals.length !== 1) throw usageError('give one CSV file to import: n8n-omnichannel import FILE.csv');
		const path = positionals[0];
		const country = defaultCountry(values);
		const policy = { skipForgottenIdentifiers: values['allow-forgotten'] !== true };
		const csv = await openCsv(path);
		try {
			return await importRows(path, csv, await openGraph(stringOption(values, 'store')), { country, policy }, io);
		} finally {
			await csv.close();
		}
	},
};

interface ImportOptions {
	country?: string;
	policy: ForgottenPolicy;
}

/** Imports the rows of `csv`, writes the summary, and returns the exit code. */
async function importRows(path: string, csv: CsvFile, { graph, config }: OpenGraph, { country, policy }: ImportOptions, io: CliIo): Promise<number> {
	const summary: ImportSummary = {
		file: path,
		store: describeStore(config),
		format: csv.format,
		rows: 0,
		created: 0,
		matched: 0,
		merged: 0,
		rejected: 0,
		rejections: [],
		skippedForgotten: 0,
		warnings: 0,
	};
	const reject = (row: number, reason: string) => {
		summary.rejected++;
		if (summary.rejections.length < LISTED_REJECTIONS) summary.rejections.push({ row, reason });
	};
	const progress = new ProgressBar(io.stderr, csv.size, io.isTTY === true);

	let pending: { row: number; input: ResolveInput }[] = [];
	const flush = async () => {
		const batch = pending;
		pending = [];
		const outcomes = await resolveInBatch(graph, config, batch.map((item) => item.input), country, policy);
		batch.forEach(({ row }, index) => {
			const outcome = outcomes[index];
			summary.rows++;
			if (outcome.forgotten) {
				summary.skippedForgotten++;
				return;
			}
			// A rejected row's warnings are in its reason already.
			if (outcome.error || !outcome.customerId) return reject(row, outcome.error ?? outcome.warnings.join('; '));
			summary.warnings += outcome.warnings.length;
			if (outcome.created) summary.created++;
			else summary.matched++;
			summary.merged += outcome.merged.length;
		});
		progress.update(csv.bytesRead(), `${summary.rows} rows`);
	};

	let columns: ColumnMap | undefined;
	try {
		for await (const { row, cells } of csv.records()) {
			if (!columns) {
				columns = mapColumns(cells);
				if (!columns.identifies) {
					throw failure(
						`${path}: no column identifies a customer; the header needs one of email, phone, whatsapp, external_id, hubspot, salesforce, pipedrive, rdstation, instagram, messenger, telegram, webchat (found: ${cells.join(', ')})`,
					);
				}
				continue;
			}
			const { input, error, empty } = rowInput(columns, cells);
			if (empty) continue;
			if (error) {
				summary.rows++;
				reject(row, error);
			} else pending.push({ row, input: input! });
			if (pending.length >= BATCH_SIZE) await flush();
		}
		if (!columns) throw failure(`${path}: the file is empty; expected a header row and one row per customer`);
		await flush();
	} catch (error) {
		progress.finish();
		summary.rejections.sort((a, b) => a.row - b.row);
		if (error instanceof CliError && columns && summary.rows) await writeJson(io.stdout, { ...summary, incomplete: true });
		throw error;
	}
	progress.finish();
	summary.rejections.sort((a, b) => a.row - b.row);
	await writeJson(io.stdout, summary);
	return EXIT.ok;
}
