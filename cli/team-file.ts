import { readFile } from 'node:fs/promises';
import { TeamImportError } from '../core';
import { failure } from './cli-io';
import { openCsv } from './csv/csv-records';
import { openInputFile } from './input-file';

/** The rows of an agents or queues file, and how its messages name each one. */
export interface TeamFile {
	rows: unknown[];
	rowName: (index: number) => string;
}

export const AGENT_COLUMNS = ['id', 'name', 'email', 'skills', 'languages', 'queues', 'capacity', 'status'] as const;

/** A JSON list of objects, or an object holding the list under `key` ({"agents": […]}). */
export async function readJsonList(path: string, key: string): Promise<TeamFile> {
	await (await openInputFile(path)).close();
	let value: unknown;
	try {
		value = JSON.parse(await readFile(path, 'utf8'));
	} catch (error) {
		throw failure(`${path}: not valid JSON (${(error as Error).message})`);
	}
	const rows = Array.isArray(value) ? value : value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
	if (!Array.isArray(rows)) throw failure(`${path}: expected a list of ${key}, [{…}, {…}], or {"${key}": [{…}]}`);
	return { rows, rowName: (index) => `item ${index + 1}` };
}

/** The rows of an agents CSV with a header row; cells are passed as text, which the agent schema reads. */
export async function readAgentsCsv(path: string): Promise<TeamFile> {
	const csv = await openCsv(path);
	const rows: Record<string, string>[] = [];
	const lines: number[] = [];
	let header: string[] | undefined;
	try {
		for await (const { row, cells } of csv.records()) {
			if (!header) {
				header = cells.map((cell) => cell.trim().toLowerCase());
				const unknown = header.find((column) => !(AGENT_COLUMNS as readonly string[]).includes(column));
				if (unknown !== undefined) throw failure(`${path}: line ${row} has the column "${unknown}": the columns are ${AGENT_COLUMNS.join(', ')}`);
				if (!header.includes('id') || !header.includes('name')) throw failure(`${path}: the header needs the columns id and name (found: ${cells.join(', ')})`);
				continue;
			}
			if (cells.every((cell) => !cell)) continue;
			rows.push(Object.fromEntries(header.map((column, index) => [column, cells[index] ?? ''])));
			lines.push(row);
		}
	} finally {
		await csv.close();
	}
	if (!header) throw failure(`${path}: the file is empty; expected a header row (${AGENT_COLUMNS.join(',')}) and one row per agent`);
	return { rows, rowName: (index) => `line ${lines[index]}` };
}

/** An import refused for its rows: every bad row on its own line, and the assurance that nothing was written. */
export function importRefused(path: string, error: unknown): Error {
	if (!(error instanceof TeamImportError)) return error as Error;
	const count = error.problems.length;
	return failure(`${path}: ${count === 1 ? '1 row needs' : `${count} rows need`} fixing; nothing was imported\n${error.message}`);
}
