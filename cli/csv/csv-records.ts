import { pipeline, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { failure } from '../cli-io';
import { openInputFile } from '../input-file';
import { sniffCsv, type CsvFormat } from './sniff';

const SAMPLE_BYTES = 64 * 1024;

/** One record of the file; `row` is its row number as a spreadsheet shows it (the header is row 1). */
export interface CsvRecord {
	row: number;
	cells: string[];
}

export interface CsvFile {
	format: CsvFormat;
	size: number;
	/** Bytes read so far, for progress. */
	bytesRead(): number;
	/** The records, header first, streamed; a malformed file throws an exit-1 error naming the problem. */
	records(): AsyncGenerator<CsvRecord>;
	/** Releases the file (when records() was not read to its end). */
	close(): Promise<void>;
}

function decoder(encoding: CsvFormat['encoding']): Transform {
	const text = new TextDecoder(encoding);
	return new Transform({
		decodeStrings: true,
		transform(chunk: Buffer, _encoding, done) {
			done(null, text.decode(chunk, { stream: true }));
		},
		flush(done) {
			done(null, text.decode());
		},
	});
}

/** Opens a CSV export: RFC 4180 quoting, BOM, delimiter and encoding read from its start. */
export async function openCsv(path: string): Promise<CsvFile> {
	const handle = await openInputFile(path);
	const { size } = await handle.stat();
	const sample = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
	const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
	const format = sniffCsv(sample.subarray(0, bytesRead), bytesRead >= size);
	let source: ReturnType<typeof handle.createReadStream> | undefined;
	const parser = parse({
		delimiter: format.delimiter,
		bom: true,
		info: true,
		trim: true,
		skip_empty_lines: true,
		relax_column_count: true,
		relax_quotes: true,
	});
	return {
		format,
		size,
		bytesRead: () => source?.bytesRead ?? 0,
		async *records() {
			source = handle.createReadStream({ start: 0 });
			const records = pipeline(source, decoder(format.encoding), parser, () => undefined);
			try {
				for await (const { record, info } of records as AsyncIterable<{ record: string[]; info: { records: number; empty_lines: number } }>) {
					yield { row: info.records + info.empty_lines, cells: record };
				}
			} catch (error) {
				throw failure(`cannot read ${path}: ${(error as Error).message}`);
			} finally {
				source.destroy();
			}
		},
		async close() {
			if (source) source.destroy();
			else await handle.close();
		},
	};
}
