import { z } from 'zod';
import { INBOUND_LIMITS } from './inbound-limits';
import { isRecord } from './json-body';

/**
 * The building blocks of the schemas of providers' bodies: lenient where providers are
 * (unknown fields pass, absent and null mean the same, ids come as text or numbers), strict
 * on the type of every field the adapters read, and bounded everywhere.
 */

/** An object that may carry fields we do not read: they pass unchecked (their nesting is bounded over the raw text). */
export function openObject<Shape extends z.ZodRawShape>(shape: Shape) {
	return z.object(shape).passthrough();
}

/** An id, a phone number or an address: providers send ids as text or as numbers. */
export const idField = z.union([z.string().max(INBOUND_LIMITS.idLength), z.number().finite()]);

/** A name, a title, a type, a MIME type, a file name, a URL. */
export const labelField = z.string().max(INBOUND_LIMITS.labelLength);

/** A message text, a caption, a button payload. */
export const textField = z.string().max(INBOUND_LIMITS.textLength);

/** The body of an email. */
export const emailTextField = z.string().max(INBOUND_LIMITS.emailTextLength);

/** A Unix time, as a number or as text. */
export const timeField = z.union([z.number(), z.string().max(INBOUND_LIMITS.idLength)]);

/** A list of at most `max` items, each checked; the length is checked first, so an oversized list is refused before its items are read. */
export function boundedList<Item extends z.ZodTypeAny>(item: Item, max: number) {
	return z.array(z.unknown()).max(max).pipe(z.array(item));
}

/**
 * A list read the lenient way the Meta parsers always have: anything but a list counts as
 * no list, and items that are not objects are skipped (they come out undefined); the
 * objects in it are checked, and its length is bounded.
 */
export function lenientObjectList<Item extends z.ZodTypeAny>(item: Item, max: number) {
	const element = z.preprocess((value) => (isRecord(value) ? value : undefined), item.optional());
	return z.preprocess((value) => (Array.isArray(value) ? value : undefined), boundedList(element, max).optional());
}

/**
 * The fields of a form body: at most `maxFields` of them, counted before anything else is
 * read; those named in `shape` checked as given, every other one a string of at most
 * `otherLength` characters.
 */
export function formFields<Shape extends z.ZodRawShape>(shape: Shape, maxFields: number, otherLength: number) {
	const bounded = z.record(z.unknown()).superRefine((fields, context) => {
		const count = Object.keys(fields).length;
		if (count > maxFields) context.addIssue({ code: 'custom', message: `has ${count.toLocaleString('en-US')} fields; the limit is ${maxFields.toLocaleString('en-US')}` });
	});
	return bounded.pipe(z.object(shape).catchall(z.string().max(otherLength)));
}

/** A number as written, or how many digits it has when that is too long to repeat in an error. */
function shortNumber(digits: string): string {
	return digits.length > 20 ? `a ${digits.length}-digit number` : digits;
}

/** A count sent as text, as forms send numbers: digits, at most `max` (`unit` names what is counted, for the error). */
export function countText(max: number, unit: string) {
	return z.string().superRefine((value, context) => {
		if (!/^\s*\d+\s*$/.test(value)) context.addIssue({ code: 'custom', message: 'must be a whole number' });
		else if (Number(value) > max) context.addIssue({ code: 'custom', message: `is ${shortNumber(value.trim())}; the limit is ${max} ${unit}` });
	});
}
