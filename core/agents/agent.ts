import { z } from 'zod';
import { AGENT_STATUSES, type AgentStatus, type WorkKind } from '../routing';

/** A member of the team as the store keeps them. */
export interface Agent {
	/** The team's own id for them: a staff id or an e-mail. */
	id: string;
	name: string;
	email?: string;
	skills: string[];
	/** Codes such as "pt" or "pt-BR". */
	languages: string[];
	/** The queues they work in. */
	queues: string[];
	/** How many of each kind of work they take at once: {chat: 3, call: 1, email: 10}; a kind not listed is not taken. */
	capacity: Record<WorkKind, number>;
	status: AgentStatus;
	statusChangedAt: string;
	lastAssignedAt?: string;
}

/** An agent with what they have now: their conversations not resolved, per kind of work. */
export interface AgentWithLoad extends Agent {
	load: Record<WorkKind, number>;
}

// Kinds of work in the order people name them; others after, alphabetically.
const KIND_ORDER = ['chat', 'call', 'email'];
const kindRank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);

/** "chat 1/3, call 0/1": what the agent has of what they can take. */
export const loadText = (agent: AgentWithLoad) =>
	Object.entries(agent.capacity)
		.sort(([a], [b]) => kindRank(a) - kindRank(b) || (a < b ? -1 : 1))
		.map(([kind, capacity]) => `${kind} ${agent.load[kind] ?? 0}/${capacity}`)
		.join(', ');

/** An agent as an import gives them; a missing status keeps the one they have (offline when new). */
export type AgentImport = Omit<Agent, 'status' | 'statusChangedAt' | 'lastAssignedAt'> & { status?: AgentStatus };

/** Lists in a spreadsheet cell are separated by ";" or "|": "billing;returns". */
export const LIST_SEPARATORS = /[;|]/;

const splitList = (value: unknown) => (typeof value === 'string' ? value.split(LIST_SEPARATORS).map((item) => item.trim()).filter(Boolean) : value);

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

const listSchema = (example: string) =>
	z.preprocess(
		(value) => splitList(emptyToUndefined(value)) ?? [],
		z.array(z.string({ invalid_type_error: `must be text, such as "${example}"` }).trim().min(1, 'has an empty entry'), {
			invalid_type_error: `must be a list such as ["${example}"], or text such as "${example}"`,
		}),
	);

const LANGUAGE = /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i;
const KIND = /^[a-z][a-z0-9_-]*$/i;

/** {chat: 3} from "chat=3;call=1": what a spreadsheet cell holds; a JSON object passes as it is. */
function capacityObject(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const entries = value
		.split(LIST_SEPARATORS)
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const [kind, count, ...rest] = part.split('=').map((text) => text.trim());
			return [kind, count === undefined || rest.length ? part : /^\d+$/.test(count) ? Number(count) : count];
		});
	return Object.fromEntries(entries);
}

const capacitySchema = z.preprocess(
	(value) => capacityObject(emptyToUndefined(value)) ?? {},
	z
		.record(z.unknown(), { invalid_type_error: 'must be like {"chat": 3, "call": 1} or "chat=3;call=1"' })
		.transform((capacity, context) => {
			const result: Record<string, number> = {};
			for (const [kind, count] of Object.entries(capacity)) {
				if (!KIND.test(kind)) {
					context.addIssue({ code: z.ZodIssueCode.custom, message: `names the kind of work "${kind}": use a word such as chat, call or email` });
					return z.NEVER;
				}
				if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 10_000) {
					context.addIssue({ code: z.ZodIssueCode.custom, message: `"${kind}" must be a whole number ≥ 0, such as ${kind}=3 (got ${JSON.stringify(count)})` });
					return z.NEVER;
				}
				result[kind] = count;
			}
			return result;
		}),
);

/** One agent of an import: a JSON object, or a CSV row turned into one by its header. */
export const agentImportSchema = z
	.object(
		{
			id: z.string({ required_error: 'is missing: give each agent an id, such as a staff id or an e-mail', invalid_type_error: 'must be text' }).trim().min(1, 'is empty: give each agent an id').max(200, 'is longer than 200 characters'),
			name: z.string({ required_error: 'is missing: give the name people see', invalid_type_error: 'must be text' }).trim().min(1, 'is empty: give the name people see'),
			email: z.preprocess(emptyToUndefined, z.string({ invalid_type_error: 'must be text' }).trim().regex(/^[^\s@]+@[^\s@]+$/, 'is not an e-mail address').optional()),
			skills: listSchema('billing'),
			languages: z.preprocess(
				(value) => splitList(emptyToUndefined(value)) ?? [],
				z.array(z.string({ invalid_type_error: 'must be text, such as "pt-BR"' }).trim().regex(LANGUAGE, 'must be language codes such as "en" or "pt-BR"'), {
					invalid_type_error: 'must be a list such as ["en", "pt-BR"], or text such as "en;pt-BR"',
				}),
			),
			queues: listSchema('Support'),
			capacity: capacitySchema,
			status: z.preprocess(emptyToUndefined, z.enum(AGENT_STATUSES, { errorMap: () => ({ message: `must be ${AGENT_STATUSES.join(', ')} or empty (keeps the current one)` }) }).optional()),
		},
		{ invalid_type_error: 'must be an object such as {"id": "ana", "name": "Ana", "queues": ["Support"], "capacity": {"chat": 3}}' },
	)
	.strict('has an unknown field {keys}: an agent has id, name, email, skills, languages, queues, capacity and status');
