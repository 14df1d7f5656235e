import { PayloadError } from './payload-error';

/**
 * Refuses JSON text that nests objects and lists deeper than `maxDepth`, in one pass over
 * the characters and before JSON.parse: a value nested thousands deep parses, but then
 * overflows the call stack of whatever walks it (String(), JSON.stringify, a schema).
 * Brackets inside strings do not count. Malformed text is left for JSON.parse to refuse.
 */
export function assertJsonDepth(text: string, maxDepth: number, provider: string, what = 'the body'): void {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (inString) {
			if (code === 0x5c) index++;
			else if (code === 0x22) inString = false;
		} else if (code === 0x22) {
			inString = true;
		} else if (code === 0x7b || code === 0x5b) {
			if (++depth > maxDepth) throw new PayloadError(provider, `${what} nests objects and lists more than ${maxDepth} levels deep; the limit is ${maxDepth}`);
		} else if (code === 0x7d || code === 0x5d) {
			depth--;
		}
	}
}
