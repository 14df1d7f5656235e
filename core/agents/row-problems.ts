import { z } from 'zod';

/** One row of an import that can't be used, named as its file names it ("line 4", "item 2"). */
export interface RowProblem {
	row: string;
	message: string;
}

/**
 * Rows of an agents or queues import that can't be used: one problem per bad row, each saying
 * what to fix. Nothing of the import is written when it is thrown.
 */
export class TeamImportError extends Error {
	constructor(readonly problems: RowProblem[]) {
		super(problems.map((problem) => `${problem.row}: ${problem.message}`).join('\n'));
	}
}

/** An unknown agent, or a status that is not one: the message says what to do instead. */
export class TeamError extends Error {}

const pathText = (path: (string | number)[]) => path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part)).join('');

/** The first issue of a failed parse as one line: `capacity "chat" must be a whole number ≥ 0`. */
export function firstIssue(error: z.ZodError): string {
	const issue = error.issues[0];
	const keys = issue.code === z.ZodIssueCode.unrecognized_keys ? issue.keys.map((key) => `"${key}"`).join(', ') : '';
	const message = issue.message.replace('{keys}', keys);
	const path = pathText(issue.path);
	return path && !message.startsWith(`${path} `) ? `${path} ${message}` : message;
}

/** Parses every row with `schema`; throws a TeamImportError listing each bad row, or returns them all. */
export function parseRows<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, rows: unknown[], rowName: (index: number) => string): T[] {
	const parsed: T[] = [];
	const problems: RowProblem[] = [];
	rows.forEach((row, index) => {
		const result = schema.safeParse(row);
		if (result.success) parsed.push(result.data);
		else problems.push({ row: rowName(index), message: firstIssue(result.error) });
	});
	if (problems.length) throw new TeamImportError(problems);
	return parsed;
}

/** Refuses a second row with the same key: the later one is named. */
export function checkUnique<T>(rows: T[], keyOf: (row: T) => string, rowName: (index: number) => string, what: string): void {
	const seen = new Map<string, number>();
	const problems: RowProblem[] = [];
	rows.forEach((row, index) => {
		const key = keyOf(row);
		const first = seen.get(key);
		if (first === undefined) seen.set(key, index);
		else problems.push({ row: rowName(index), message: `${what} "${key}" is already on ${rowName(first)}: keep one row per ${what}` });
	});
	if (problems.length) throw new TeamImportError(problems);
}

/** "item 3": how rows of a JSON list are named by default. */
export const itemName = (index: number) => `item ${index + 1}`;
