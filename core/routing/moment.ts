/** A point in time as items carry it: an ISO timestamp, a Date, or milliseconds since the epoch. */
export type Moment = number | string | Date;

export function toMillis(moment: Moment): number {
	const value = moment instanceof Date ? moment.getTime() : typeof moment === 'string' ? Date.parse(moment) : moment;
	if (!Number.isFinite(value)) throw new Error(`"${String(moment)}" is not a point in time`);
	return value;
}

export const MINUTE_MS = 60_000;
