import { PRIORITIES } from '../routing';
import type { Conversation, ConversationStatus } from './conversation';
import { combineCounters } from './counters';

/** From the most to the least in need of the team: the folded conversation takes the first any of them has. */
const STATUS_ORDER: ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];

const earliest = (times: (string | null)[]) =>
	times.filter((time): time is string => time !== null).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;

/**
 * What the newer of a customer's conversations becomes when the older ones are folded into it
 * (a merge brought two customers, each in a conversation, together): the counters combined
 * (see combineCounters), the most urgent status and priority, the tags of all, the earliest due
 * time; its assignee and queue, or the older ones' when it has none.
 */
export function foldedConversation(newer: Conversation, older: Conversation[]) {
	const all = [newer, ...older];
	const status = STATUS_ORDER.find((candidate) => all.some((conversation) => conversation.status === candidate))!;
	const snoozedUntil = status === 'snoozed' ? all.map((c) => c.snoozedUntil).filter((time): time is string => time !== null).sort().at(-1) ?? null : null;
	const rank = (priority: string) => PRIORITIES.indexOf(priority as (typeof PRIORITIES)[number]);
	const priority = all.reduce((highest, conversation) => (rank(conversation.priority) > rank(highest) ? conversation.priority : highest), newer.priority);
	return {
		...combineCounters(newer, older),
		status,
		snoozedUntil,
		assigneeId: (newer.assignee ?? older.find((conversation) => conversation.assignee)?.assignee)?.id ?? null,
		queue: newer.queue ?? older.find((conversation) => conversation.queue !== null)?.queue ?? null,
		priority,
		tags: [...new Set(all.flatMap((conversation) => conversation.tags))],
		dueAt: earliest(all.map((conversation) => conversation.dueAt)),
	};
}
