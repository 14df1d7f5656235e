import { slaTargetsOf, type Queue } from '../agents/queue';
import { dueAt } from '../routing';
import type { RoutableConversation } from '../store/assignment-sql';

/**
 * When the conversation's next answer is due in `queue`: its first response while nobody has
 * answered (counted from the customer's first message), else its next response while the
 * customer waits; undefined when the queue sets no such target, nothing is awaited, or the
 * queue never opens again. Only the due time is computed (not the minutes left), since
 * routing asks for it once per conversation.
 */
export function responseDueAt(queue: Queue | undefined, conversation: RoutableConversation): Date | undefined {
	if (!queue) return undefined;
	const targets = slaTargetsOf(queue.sla);
	if (conversation.firstResponseAt === undefined) {
		return targets.firstResponse && dueAt(targets.firstResponse, queue.schedule, conversation.firstInboundAt ?? conversation.openedAt);
	}
	return targets.nextResponse && conversation.waitingSince !== undefined ? dueAt(targets.nextResponse, queue.schedule, conversation.waitingSince) : undefined;
}
