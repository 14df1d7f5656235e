import type { z } from 'zod';
import { PayloadError } from './payload-error';
import { schemaPredicate } from './schema-predicate';

type Path = (string | number)[];

/** How many problems one error spells out; the rest are counted. */
const SPELLED_OUT = 3;

const TYPE_WORDS: Record<string, string> = {
	string: 'a string',
	number: 'a number',
	integer: 'a whole number',
	float: 'a fraction',
	bigint: 'a number',
	nan: 'NaN',
	boolean: 'true or false',
	object: 'an object',
	array: 'a list',
	null: 'null',
	undefined: 'missing',
};

const typeWords = (type: string) => TYPE_WORDS[type] ?? type;

/** `entry[0].changes[1].value`: keys joined with dots, list positions in brackets, after the name of the whole (if any). */
function pathText(path: Path, name: string | undefined): string {
	let text = name ?? '';
	for (const key of path) text += typeof key === 'number' ? `[${key}]` : text === '' ? key : `.${key}`;
	return text === '' ? 'the body' : text;
}

function valueAt(input: unknown, path: Path): unknown {
	let value = input;
	for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
	return value;
}

const count = (value: number) => value.toLocaleString('en-US');

type UnionIssue = Extract<z.ZodIssue, { code: 'invalid_union' }>;
type TypeIssue = Extract<z.ZodIssue, { code: 'invalid_type' }>;

/** True when a union's branch failed on the type of the union's own value (not deeper in it). */
function failedOnType(issues: z.ZodIssue[], union: UnionIssue): boolean {
	return issues[0]?.code === 'invalid_type' && issues[0].path.length === union.path.length;
}

/** The issue to report for a union: a branch that got past the type check says more, with its own path. */
function reportedIssue(issue: z.ZodIssue): z.ZodIssue {
	if (issue.code !== 'invalid_union') return issue;
	const closer = issue.unionErrors.map((error) => error.issues).find((issues) => issues.length > 0 && !failedOnType(issues, issue));
	return closer ? reportedIssue(closer[0]) : issue;
}

/** Every branch failed on the type: "must be a string or a number, not a list". */
function unionPredicate(issue: UnionIssue): string {
	const firsts = issue.unionErrors.map((error) => error.issues[0] as TypeIssue);
	const expected = [...new Set(firsts.map((first) => first.expected))];
	const received = firsts[0].received;
	return received === 'undefined' ? 'is missing' : `must be ${expected.map(typeWords).join(' or ')}, not ${typeWords(received)}`;
}

/** What is wrong with the value, worded to follow its path: "must be a string, not an object". */
function predicate(issue: z.ZodIssue, input: unknown): string {
	const value = valueAt(input, issue.path);
	switch (issue.code) {
		case 'invalid_type':
			return issue.received === 'undefined' ? 'is missing' : `must be ${typeWords(issue.expected)}, not ${typeWords(issue.received)}`;
		case 'invalid_union':
			return unionPredicate(issue);
		case 'too_big':
			if (issue.type === 'array') return `has ${count(Array.isArray(value) ? value.length : 0)} items; the limit is ${count(Number(issue.maximum))}`;
			if (issue.type === 'string') return `is ${count(typeof value === 'string' ? value.length : 0)} characters long; the limit is ${count(Number(issue.maximum))}`;
			return `is ${String(value)}; the limit is ${count(Number(issue.maximum))}`;
		case 'too_small':
			if (issue.type === 'string') return Number(issue.minimum) === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters long`;
			if (issue.type === 'array') return `must have at least ${issue.minimum} items`;
			return `must be at least ${issue.minimum}`;
		case 'invalid_enum_value':
			return `must be one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}`;
		case 'invalid_literal':
			return `must be ${JSON.stringify(issue.expected)}`;
		case 'not_finite':
			return 'must be a finite number';
		case 'invalid_string':
			return issue.message.startsWith('Invalid') ? 'is not in the expected form' : issue.message;
		default:
			return issue.message;
	}
}

/** The first problems of a failed check, in our words: "message.text must be a string, not an object; …". */
function describeIssues(issues: z.ZodIssue[], input: unknown, name?: string): string {
	const spelled = issues.slice(0, SPELLED_OUT).map(reportedIssue).map((issue) => `${pathText(issue.path, name)} ${predicate(issue, input)}`);
	const more = issues.length - spelled.length;
	return more > 0 ? `${spelled.join('; ')} (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : spelled.join('; ');
}

/**
 * Checks a provider's body (or a part of it) against the schema of its documented shape
 * and returns what the schema makes of it; a mismatch throws a PayloadError that says what
 * was wrong and where. `name` prefixes paths when the value is not the body itself (a
 * form field holding JSON, say).
 */
export function readPayload<Schema extends z.ZodTypeAny>(schema: Schema, value: unknown, provider: string, name?: string): z.output<Schema> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	throw new PayloadError(provider, describeIssues(result.error.issues, value, name));
}

/**
 * Checks a value against a schema that only checks (no defaults, no transforms) and
 * narrows it to the schema's type. The value itself is kept, so the `raw` of events stays
 * the body as the provider sent it, keys in its order. A valid value costs a walk of the
 * fields the schema names (see schemaPredicate); zod runs to word what is wrong.
 */
export function checkPayload<Shape>(schema: z.ZodType<Shape, z.ZodTypeDef, unknown>, value: unknown, provider: string, name?: string): asserts value is Shape {
	if (!schemaPredicate(schema)(value)) readPayload(schema, value, provider, name);
}
