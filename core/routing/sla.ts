import { z } from 'zod';
import { addBusinessTime, businessMinutesBetween } from './business-hours';
import { MINUTE_MS, toMillis, type Moment } from './moment';
import type { BusinessSchedule } from './schedule';

/**
 * Service-level targets of a queue: how soon a conversation gets its first answer, each next
 * answer, and its resolution, counted in the queue's business hours or around the clock.
 */

export const SLA_CLOCKS = ['business', 'calendar'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export interface SlaTarget {
	minutes: number;
	/** business: only the queue's open time counts; calendar: every minute does. */
	clock: SlaClock;
}

export const SLA_TARGET_NAMES = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGET_NAMES)[number];
export type SlaTargets = Partial<Record<SlaTargetName, SlaTarget>>;

const slaTargetSchema = z
	.object(
		{
			minutes: z.number({ required_error: 'is missing: give the target in minutes, such as 60', invalid_type_error: 'must be a number of minutes, such as 60' }).positive('must be more than 0').max(366 * 24 * 60, 'must be at most a year of minutes (527040)'),
			clock: z.enum(SLA_CLOCKS, { errorMap: () => ({ message: 'must be "business" (only open hours count) or "calendar" (every hour counts)' }) }).default('business'),
		},
		{ invalid_type_error: 'must be an object such as {"minutes": 60, "clock": "business"}' },
	)
	.strict();

/** The targets as written in a queue's JSON: {"firstResponse": {"minutes": 60, "clock": "business"}, …}. */
export const slaTargetsSchema = z
	.object({ firstResponse: slaTargetSchema.optional(), nextResponse: slaTargetSchema.optional(), resolution: slaTargetSchema.optional() }, { invalid_type_error: 'must be an object such as {"firstResponse": {"minutes": 60}}' })
	.strict();

/** What happened in a conversation, as far as its targets care. */
export interface ConversationTimes {
	openedAt: Moment;
	/** The customer's first message; the first response is counted from it (else from openedAt). */
	firstInboundAt?: Moment;
	firstAgentResponseAt?: Moment;
	/** The customer's oldest message still waiting for an answer, after the first response. */
	awaitingReplySince?: Moment;
	resolvedAt?: Moment;
}

export interface SlaTargetStatus {
	/** Undefined when the target counts business hours and the queue never opens again. */
	dueAt: Date | undefined;
	/** Stopped: answered or resolved (a conversation resolved before an answer stops its response targets). */
	done: boolean;
	breached: boolean;
	/** Whole minutes left, in the target's clock, while running and not breached. */
	minutesLeft?: number;
	/** Whole minutes late, in the target's clock, when breached: until now, or until it was done. */
	minutesOverdue?: number;
}

export type SlaStatus = Partial<Record<SlaTargetName, SlaTargetStatus>>;

/** When a target counted from `since` falls due. */
export function dueAt(target: SlaTarget, schedule: BusinessSchedule | undefined, since: Moment): Date | undefined {
	if (target.clock === 'calendar' || !schedule) return new Date(toMillis(since) + target.minutes * MINUTE_MS);
	return addBusinessTime(schedule, since, target.minutes);
}

function minutesBetween(target: SlaTarget, schedule: BusinessSchedule | undefined, from: number, to: number): number {
	if (to <= from) return 0;
	return target.clock === 'calendar' || !schedule ? (to - from) / MINUTE_MS : businessMinutesBetween(schedule, from, to);
}

function status(target: SlaTarget, schedule: BusinessSchedule | undefined, since: Moment, doneAt: Moment | undefined, now: number): SlaTargetStatus {
	const due = dueAt(target, schedule, since);
	const done = doneAt !== undefined;
	const end = done ? Math.min(toMillis(doneAt), now) : now;
	if (!due) return { dueAt: undefined, done, breached: false };
	const breached = end > due.getTime();
	if (breached) return { dueAt: due, done, breached, minutesOverdue: Math.ceil(minutesBetween(target, schedule, due.getTime(), end)) };
	return done ? { dueAt: due, done, breached } : { dueAt: due, done, breached, minutesLeft: Math.floor(minutesBetween(target, schedule, end, due.getTime())) };
}

/**
 * Where each target of a conversation stands at `now`: its due time, whether it is breached,
 * and the minutes left or overdue. A target that does not apply yet (the next response while
 * nothing waits for one) is absent.
 */
export function slaStatus(targets: SlaTargets, schedule: BusinessSchedule | undefined, times: ConversationTimes, now: Moment): SlaStatus {
	const at = toMillis(now);
	const result: SlaStatus = {};
	const answerOrResolution = (answeredAt: Moment | undefined) => answeredAt ?? times.resolvedAt;
	if (targets.firstResponse) {
		result.firstResponse = status(targets.firstResponse, schedule, times.firstInboundAt ?? times.openedAt, answerOrResolution(times.firstAgentResponseAt), at);
	}
	if (targets.nextResponse && times.firstAgentResponseAt !== undefined && times.awaitingReplySince !== undefined) {
		result.nextResponse = status(targets.nextResponse, schedule, times.awaitingReplySince, times.resolvedAt, at);
	}
	if (targets.resolution) result.resolution = status(targets.resolution, schedule, times.openedAt, times.resolvedAt, at);
	return result;
}
