/**
 * Wall-clock times of a schedule, as users write them: "09:00", and intervals "09:00-18:00"
 * (an en dash works too). An interval ending at or before its start runs past midnight into
 * the next day ("22:00-06:00"); "24:00" ends at midnight.
 */

export const MINUTES_PER_DAY = 24 * 60;

/** Minutes after the day's midnight; `end` is above 1440 for an interval running into the next day. */
export interface OpenInterval {
	start: number;
	end: number;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight, or undefined when `text` is not HH:MM in 24-hour time. */
export function parseClockTime(text: string, { allowMidnightEnd = false } = {}): number | undefined {
	if (allowMidnightEnd && text === '24:00') return MINUTES_PER_DAY;
	const match = TIME.exec(text);
	return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function formatClockTime(minutes: number): string {
	const withinDay = minutes % MINUTES_PER_DAY === 0 && minutes > 0 ? MINUTES_PER_DAY : minutes % MINUTES_PER_DAY;
	return `${String(Math.floor(withinDay / 60)).padStart(2, '0')}:${String(withinDay % 60).padStart(2, '0')}`;
}

export function formatInterval(interval: OpenInterval): string {
	return `${formatClockTime(interval.start)}-${formatClockTime(interval.end)}`;
}

/** The interval, or the reason `text` is not one, in words that say what to write instead. */
export function parseInterval(text: string): OpenInterval | string {
	const parts = text.trim().split(/\s*[-–]\s*/);
	if (parts.length !== 2) return `"${text}" is not an interval: write it as "09:00-18:00"`;
	const start = parseClockTime(parts[0]);
	if (start === undefined) return `"${parts[0]}" is not a time: write HH:MM in 24-hour time, such as "09:00"`;
	const end = parseClockTime(parts[1], { allowMidnightEnd: true });
	if (end === undefined) return `"${parts[1]}" is not a time: write HH:MM in 24-hour time, such as "18:00" (or "24:00" for midnight)`;
	if (end === start) return `"${text}" starts and ends at ${parts[0]}: for the whole day write "00:00-24:00"`;
	return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}
