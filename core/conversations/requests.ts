import { IANAZone } from 'luxon';
import { z } from 'zod';
import { CHANNELS } from '../model';
import { toMillis, type Moment } from '../routing';
import { CONVERSATION_STATUSES } from './conversation';

/** What callers give the conversation operations, checked, with errors that say what to fix. */

/** A request that can't be carried out as asked; the message says what to do instead. */
export class ConversationError extends Error {}

const moment = (name: string) =>
	z.union([z.string(), z.number(), z.date()]).transform((value, context) => {
		try {
			return new Date(toMillis(value as Moment)).toISOString();
		} catch {
			context.addIssue({ code: 'custom', message: `${name} must be a time such as 2026-11-30T14:00:00Z` });
			return z.NEVER;
		}
	});

const statusSchema = z.enum(CONVERSATION_STATUSES, { errorMap: () => ({ message: `the status must be one of ${CONVERSATION_STATUSES.join(', ')}` }) });
const limit = (fallback: number) => z.number().int().min(1, 'the limit must be at least 1').max(1000, 'the limit must be at most 1000').default(fallback);
const now = moment('now').optional();

export const openOptionsSchema = z.object({
	reopenWithinMinutes: z.number().min(0, 'reopenWithinMinutes can\'t be negative').default(24 * 60),
	now,
});

export const agentReplySchema = z.object({
	agentId: z.string().trim().min(1).optional(),
	channel: z.enum(CHANNELS, { errorMap: () => ({ message: `the channel must be one of ${CHANNELS.join(', ')}` }) }),
	at: moment('at'),
	eventKey: z.string().min(1).optional(),
});

export const statusChangeSchema = z.object({ status: statusSchema, snoozedUntil: moment('snoozedUntil').optional(), now });

export const noteSchema = z.object({
	text: z.string().trim().min(1, 'a note needs some text').max(10_000, 'a note can be at most 10,000 characters'),
	author: z.string().trim().min(1).max(200).optional(),
});

export const tagsSchema = z.array(z.string().trim().min(1, 'a tag can\'t be empty').max(100, 'a tag can be at most 100 characters')).min(1, 'give at least one tag');

export const getOptionsSchema = z.object({
	historyLimit: z.number().int().min(0).max(1000).default(50),
	transcriptLimit: z.number().int().min(0).max(200).default(20),
	timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), (zone) => ({ message: `"${zone}" is not a time zone: use a name such as America/Sao_Paulo` })).default('UTC'),
});

export const listSchema = z.object({
	queue: z.string().min(1).optional(),
	assigneeId: z.string().min(1).nullable().optional(),
	status: z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(statusSchema).min(1, 'give at least one status')).optional(),
	breached: z.boolean().optional(),
	limit: limit(100),
	now,
});

export const waitingSchema = z.object({ minutes: z.number().min(0, 'minutes can\'t be negative'), limit: limit(100), now });

export const offlineSchema = z.object({ limit: limit(100) });

/** Parses with `schema`, turning the first problem into a ConversationError. */
export function parseRequest<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.output<T> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const where = issue.path.length ? ` (${issue.path.join('.')})` : '';
	throw new ConversationError(`${what}: ${issue.message}${where}`);
}
