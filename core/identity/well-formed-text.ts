/**
 * Text the store can hold is well-formed Unicode. A lone UTF-16 surrogate (half of a
 * character, from text cut in the middle of one or read with the wrong encoding) is not:
 * PostgreSQL turns it into U+FFFD in a text column, so the stored value no longer equals the
 * one looked up, and refuses it outright in a jsonb one.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A character's code point as Unicode writes it: U+200B. */
export const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` is not well-formed Unicode, or undefined when it is. */
export function loneSurrogateReason(text: string): string | undefined {
	const found = LONE_SURROGATE.exec(text);
	if (!found) return undefined;
	return `is not valid Unicode text: it holds half of a character (lone surrogate ${codePoint(found[0].charCodeAt(0))}) at position ${found.index + 1}, from text cut inside a character or read with the wrong encoding`;
}

/** A text shown in a message: quoted, with control characters and lone surrogates escaped so the message itself is safe to store. */
export function quoteText(text: string): string {
	return JSON.stringify(text);
}

/**
 * Where in `value` (a string, or the keys and strings of nested objects and arrays) text is not
 * well-formed Unicode, as "<path> <reason>"; undefined when all of it is.
 */
export function malformedTextIn(value: unknown, path: string): string | undefined {
	if (typeof value === 'string') {
		const reason = loneSurrogateReason(value);
		return reason && `${path} ${reason}`;
	}
	if (typeof value !== 'object' || value === null) return undefined;
	if (Array.isArray(value)) {
		for (const [index, item] of value.entries()) {
			const found = malformedTextIn(item, `${path}[${index}]`);
			if (found) return found;
		}
		return undefined;
	}
	for (const [key, item] of Object.entries(value)) {
		const keyReason = loneSurrogateReason(key);
		if (keyReason) return `the name of ${path}.${quoteText(key)} ${keyReason}`;
		const found = malformedTextIn(item, `${path}.${key}`);
		if (found) return found;
	}
	return undefined;
}
