import { PayloadError } from './payload-error';

/**
 * Refuses JSON text that nests objects and lists deeper than `maxDepth`, in one pass over
 * the characters and before JSON.parse: a value nested thousands deep parses, but then
 * overflows the call stack of whatever walks it (String(), JSON.stringify, a schema).
 * Brackets inside strings do not count. Malformed text is left for JSON.parse to refuse.
 */
export function assertJsonDepth(text: string, maxDepth: number, provider: string, what = 'the body'): void {
	if (bracketsAtMost(text, maxDepth)) return;
	let depth = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === QUOTE) {
			index = closingQuote(text, index);
		} else if (code === 0x7b || code === 0x5b) {
			if (++depth > maxDepth) throw new PayloadError(provider, `${what} nests objects and lists more than ${maxDepth} levels deep; the limit is ${maxDepth}`);
		} else if (code === 0x7d || code === 0x5d) {
			depth--;
		}
	}
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Where the string opened at `open` ends (the end of the text if it doesn't): found with indexOf, as strings are most of a body. */
function closingQuote(text: string, open: number): number {
	for (let close = text.indexOf('"', open + 1); close !== -1; close = text.indexOf('"', close + 1)) {
		let backslashes = 0;
		while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
		if (backslashes % 2 === 0) return close;
	}
	return text.length;
}

/** True when the text has at most `limit` opening brackets, in strings or not: then it cannot nest deeper. Counted with indexOf, which most bodies make quicker than a pass over every character. */
function bracketsAtMost(text: string, limit: number): boolean {
	let count = 0;
	for (const bracket of ['{', '[']) {
		for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) if (++count > limit) return false;
	}
	return true;
}
