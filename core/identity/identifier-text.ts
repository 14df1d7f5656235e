import type { NormalizeResult } from './phone';
import { codePoint, loneSurrogateReason, quoteText } from './well-formed-text';

// Characters that show as nothing and come along with pasted text: zero-width spaces and
// joiners, the word joiner, BOMs, soft hyphens, direction marks, variation selectors, fillers.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
// Left inside the text once its ends are trimmed: tabs, line breaks, escapes, C1 controls.
const CONTROL = /\p{Cc}/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The text of an identifier as it is stored and looked up, the same however it was typed or
 * pasted: NFC (an accent written as a separate mark is the same letter), without invisible
 * characters, trimmed. Text that can't be stored as it was given, or that holds control
 * characters no identifier has, is refused with the reason.
 */
export function identifierText(input: string): NormalizeResult {
	// Most identifiers are printable ASCII, where none of the below can apply.
	if (PRINTABLE_ASCII.test(input)) return { ok: true, value: input.trim() };
	// NUL characters come from broken exports (UTF-16 read as bytes) and can't be stored: dropping them recovers the value.
	const text = input.replace(/\u0000/g, '');
	const malformed = loneSurrogateReason(text);
	if (malformed) return { ok: false, reason: `${quoteText(text)} ${malformed}` };
	const value = text.replace(INVISIBLE, '').normalize('NFC').trim();
	const control = CONTROL.exec(value);
	if (control) {
		return { ok: false, reason: `${quoteText(value)} holds the control character ${codePoint(control[0].charCodeAt(0))} at position ${control.index + 1}, which no identifier has` };
	}
	return { ok: true, value };
}
