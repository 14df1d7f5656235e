import type { NormalizeResult } from './phone';

/**
 * How an e-mail address is written as an identifier, the same for the identity store and
 * for every channel that reads or sends e-mail: trimmed and lower-cased.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(input: string): NormalizeResult {
	const value = input.trim().toLowerCase();
	return EMAIL.test(value) ? { ok: true, value } : { ok: false, reason: `"${input}" is not an e-mail address` };
}
