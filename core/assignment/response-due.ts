import { slaTargetsOf, type Queue } from '../agents/queue';
import { slaStatus } from '../routing';
import type { RoutableConversation } from '../store/assignment-sql';

/**
 * When the conversation's next answer is due in `queue`: its first response while nobody has
 * answered, else the next response while the customer waits; undefined when the queue sets no
 * such target, nothing is awaited, or the queue never opens again.
 */
export function responseDueAt(queue: Queue | undefined, conversation: RoutableConversation, now: number): Date | undefined {
	if (!queue || (!queue.sla.firstResponse && !queue.sla.nextResponse)) return undefined;
	const targets = slaTargetsOf({ ...queue.sla, resolution: undefined });
	const status = slaStatus(
		targets,
		queue.schedule,
		{ openedAt: conversation.openedAt, firstInboundAt: conversation.firstInboundAt, firstAgentResponseAt: conversation.firstResponseAt, awaitingReplySince: conversation.waitingSince },
		now,
	);
	const running = [status.firstResponse, status.nextResponse].find((target) => target && !target.done);
	return running?.dueAt;
}
