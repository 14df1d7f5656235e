import { z } from 'zod';
import { parseBusinessSchedule, type BusinessSchedule, type SlaTargets } from '../routing';

/**
 * The service-level targets of a queue as the store keeps them (migration 8): minutes to the
 * first response, to each next response and to resolution, counted in the queue's business
 * hours (businessHours, the default) or around the clock.
 */
export interface QueueSla {
	firstResponse?: number;
	nextResponse?: number;
	resolution?: number;
	businessHours: boolean;
}

export interface Queue {
	name: string;
	/** Higher ranks first where queues are listed. */
	priority: number;
	/** Opening hours; absent: always open. */
	schedule?: BusinessSchedule;
	sla: QueueSla;
}

const YEAR_OF_MINUTES = 366 * 24 * 60;

const minutesSchema = z
	.number({ invalid_type_error: 'must be a number of minutes, such as 60' })
	.positive('must be more than 0 minutes')
	.max(YEAR_OF_MINUTES, `must be at most a year of minutes (${YEAR_OF_MINUTES})`)
	.optional();

const slaSchema = z
	.object(
		{
			firstResponse: minutesSchema,
			nextResponse: minutesSchema,
			resolution: minutesSchema,
			businessHours: z.boolean({ invalid_type_error: 'must be true (only open hours count) or false (every hour counts)' }).default(true),
		},
		{ invalid_type_error: 'must be an object such as {"firstResponse": 5, "resolution": 1440, "businessHours": true}' },
	)
	.strict('has an unknown field {keys}: the targets are firstResponse, nextResponse and resolution, in minutes, and businessHours');

const scheduleSchema = z.unknown().transform((value, context): BusinessSchedule | undefined => {
	if (value === undefined || value === null) return undefined;
	try {
		return parseBusinessSchedule(value);
	} catch (error) {
		context.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message.replace(/^the schedule /, '') });
		return z.NEVER;
	}
});

/** One queue of a `queues import` file. */
export const queueImportSchema = z
	.object(
		{
			name: z.string({ required_error: 'is missing: give the queue the name routes and agents use', invalid_type_error: 'must be text' }).trim().min(1, 'is empty: give the queue a name').max(200, 'is longer than 200 characters'),
			priority: z.number({ invalid_type_error: 'must be a whole number, higher first' }).int('must be a whole number, higher first').default(0),
			schedule: scheduleSchema,
			sla: slaSchema.default({}),
		},
		{ invalid_type_error: 'must be an object such as {"name": "Support", "schedule": {…}, "sla": {"firstResponse": 5}}' },
	)
	.strict('has an unknown field {keys}: a queue has name, priority, schedule and sla');

/** The targets in the routing core's terms, to compute due times with core/routing/sla.ts. */
export function slaTargetsOf(sla: QueueSla): SlaTargets {
	const clock = sla.businessHours ? 'business' : 'calendar';
	const targets: SlaTargets = {};
	if (sla.firstResponse) targets.firstResponse = { minutes: sla.firstResponse, clock };
	if (sla.nextResponse) targets.nextResponse = { minutes: sla.nextResponse, clock };
	if (sla.resolution) targets.resolution = { minutes: sla.resolution, clock };
	return targets;
}
