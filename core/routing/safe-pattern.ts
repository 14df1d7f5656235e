/**
 * Regular expressions that routes test on a message's text. JavaScript's engine can take
 * exponential time on some patterns, so a pattern is refused when it is too long, repeats a
 * group that itself repeats ("(a+)+", "(\w*)*"), or refers back to a group ("\1"), and only
 * the first MAX_TESTED_TEXT characters of a text are tested.
 */

export const MAX_PATTERN_LENGTH = 200;
export const MAX_TESTED_TEXT = 2_000;

/** Why the pattern is refused, or undefined when it may be used. */
export function unsafePatternReason(pattern: string): string | undefined {
	if (pattern.length > MAX_PATTERN_LENGTH) return `is ${pattern.length} characters long: keep it to ${MAX_PATTERN_LENGTH}`;
	// Per open group: whether something inside it repeats.
	const groups: boolean[] = [];
	let lastGroupRepeats = false;
	let afterGroup = false;
	for (let index = 0; index < pattern.length; index++) {
		const char = pattern[index];
		const repeatsHere = char === '*' || char === '+' || (char === '{' && /^\{\d+,\d*\}/.test(pattern.slice(index)) && !/^\{(\d+),\1\}/.test(pattern.slice(index)));
		if (repeatsHere) {
			if (afterGroup && lastGroupRepeats) return 'repeats a group that itself repeats, such as (a+)+, which can take forever on some texts: repeat only single characters or classes inside a repeated group';
			if (groups.length) groups[groups.length - 1] = true;
		}
		afterGroup = false;
		if (char === '\\') {
			const next = pattern[index + 1] ?? '';
			if (/[1-9]/.test(next) || next === 'k') return 'refers back to a group (\\1, \\k<name>), which can take forever on some texts: write the text out instead';
			index++;
		} else if (char === '[') {
			// A class is one character: skip to its closing bracket.
			for (index++; index < pattern.length && pattern[index] !== ']'; index++) if (pattern[index] === '\\') index++;
		} else if (char === '(') {
			groups.push(false);
		} else if (char === ')') {
			lastGroupRepeats = groups.pop() ?? false;
			if (lastGroupRepeats && groups.length) groups[groups.length - 1] = true;
			afterGroup = true;
		}
	}
	return undefined;
}

/** The compiled pattern (case-insensitive, Unicode), or the reason it cannot be used. */
export function compilePattern(pattern: string): RegExp | string {
	const unsafe = unsafePatternReason(pattern);
	if (unsafe) return unsafe;
	try {
		return new RegExp(pattern, 'iu');
	} catch (error) {
		return `is not a valid regular expression: ${(error as Error).message}`;
	}
}

export function testPattern(pattern: RegExp, text: string): boolean {
	return pattern.test(text.slice(0, MAX_TESTED_TEXT));
}
