import type { VerifyInput, VerifyResult } from '../types';
import { constantTimeEqual } from '../shared/constant-time-equal';

/** The header in which Telegram returns the `secret_token` given to setWebhook. */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Telegram does not sign bodies: it echoes the webhook's `secret_token` verbatim in
 * X-Telegram-Bot-Api-Secret-Token. The header must equal the configured secret.
 */
export function verifyTelegramSecretToken(input: VerifyInput): VerifyResult {
	if (!input.secret) return { valid: false, reason: 'Telegram: no secret token is configured to check the request against' };
	if (!input.signature) return { valid: false, reason: 'Telegram: the X-Telegram-Bot-Api-Secret-Token header is missing' };
	if (!constantTimeEqual(input.signature, input.secret)) {
		return { valid: false, reason: 'Telegram: the X-Telegram-Bot-Api-Secret-Token header does not match the secret token' };
	}
	return { valid: true };
}
