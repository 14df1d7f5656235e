import { isUtf8 } from 'node:buffer';

/** How a CSV file is written, as far as its first bytes tell. */
export interface CsvFormat {
	delimiter: string;
	/** UTF-8 (with or without BOM), or Windows-1252 as older Excel versions save "CSV" in Brazil and Europe. */
	encoding: 'utf-8' | 'windows-1252';
}

const DELIMITERS = [',', ';', '\t', '|'];

/** UTF-8 unless the sample is not valid UTF-8 (ignoring a character cut at its end). */
function sniffEncoding(sample: Buffer, complete: boolean): CsvFormat['encoding'] {
	const cuts = complete ? [0] : [0, 1, 2, 3];
	return cuts.some((cut) => isUtf8(sample.subarray(0, sample.length - cut))) ? 'utf-8' : 'windows-1252';
}

/** The delimiter the header line uses most, outside quotes; a comma when it has none. */
export function sniffDelimiter(text: string): string {
	const counts = new Map(DELIMITERS.map((delimiter) => [delimiter, 0]));
	let quoted = false;
	for (const char of text.replace(/^\uFEFF/, '')) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
	}
	let best = ',';
	for (const [delimiter, n] of counts) if (n > counts.get(best)!) best = delimiter;
	return best;
}

/** Reads the format from the file's first bytes (`complete` when they are the whole file). */
export function sniffCsv(sample: Buffer, complete: boolean): CsvFormat {
	const encoding = sniffEncoding(sample, complete);
	return { encoding, delimiter: sniffDelimiter(new TextDecoder(encoding).decode(sample)) };
}
