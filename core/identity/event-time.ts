import type { CanonicalEvent } from '../model';

/** How far after its receipt an event may say it happened: clocks differ, but not by days. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

// PostgreSQL's timestamps start at year 1; the ISO format accepts year 0.
const EARLIEST_MS = Date.parse('0001-01-01T00:00:00Z');

/**
 * The event as it is recorded in the history. A timestamp more than a day after the event was
 * received (a wrong clock, a placeholder such as 9999-12-31), or before year 1, is replaced by
 * the time of receipt, with a warning: otherwise it would stay the customer's last-seen time
 * and the top of its history forever, or fail its batch.
 */
export function eventAsRecorded(event: CanonicalEvent, receivedAt: number): { event: CanonicalEvent; warning?: string } {
	const at = Date.parse(event.timestamp);
	if (at - receivedAt <= MAX_FUTURE_MS && at >= EARLIEST_MS) return { event };
	const received = new Date(receivedAt).toISOString();
	const why = at >= EARLIEST_MS ? 'more than a day after it was received' : 'before year 1';
	return {
		event: { ...event, timestamp: received },
		warning: `the event's timestamp ${event.timestamp} is ${why}: recorded at ${received}, when it was received`,
	};
}
