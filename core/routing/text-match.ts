/**
 * Keyword matching on a message's words: case and accents do not matter ("Não" is "nao"),
 * and a keyword is a whole word or phrase ("refund" does not match "refundable").
 */

const MARKS = /\p{M}/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

export function wordsOf(text: string): string[] {
	return text.normalize('NFKD').replace(MARKS, '').toLowerCase().split(NOT_WORD).filter(Boolean);
}

/** Whether the keyword's words appear in a row among `words`. */
export function hasKeyword(words: string[], keyword: string): boolean {
	const wanted = wordsOf(keyword);
	if (!wanted.length) return false;
	for (let start = 0; start + wanted.length <= words.length; start++) {
		if (wanted.every((word, offset) => words[start + offset] === word)) return true;
	}
	return false;
}

/** Trait and skill values compared as people mean them: trimmed, case and accents aside. */
export function sameText(a: unknown, b: unknown): boolean {
	return wordsOf(String(a)).join(' ') === wordsOf(String(b)).join(' ');
}
