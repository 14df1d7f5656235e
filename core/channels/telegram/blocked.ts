import type { ConsentChange } from '../../consent/consent-change';
import { ProviderError } from '../provider-error';

/** Telegram's answer to a send to someone who blocked the bot: 403 "Forbidden: bot was blocked by the user". */
const BLOCKED = /bot was blocked by the user/i;

export const isBlockedByCustomer = (code: number, description: string) => code === 403 && BLOCKED.test(description);

/** Whether a send failed because the customer blocked the bot: nothing will reach them on Telegram until they unblock it. */
export function isTelegramBlockedError(error: unknown): error is ProviderError {
	if (!(error instanceof ProviderError) || error.provider !== 'telegram') return false;
	const description = (error.details.body as { description?: unknown } | undefined)?.description;
	return isBlockedByCustomer(Number(error.details.code), String(description ?? ''));
}

/** The consent a block means: nothing at all on Telegram, proved by Telegram's own answer. */
export function blockedConsentChange(chatId: string, error: ProviderError, at = new Date()): ConsentChange {
	const description = String((error.details.body as { description?: unknown } | undefined)?.description ?? error.message);
	return {
		channel: 'telegram',
		purpose: 'all',
		state: 'unsubscribed',
		source: 'delivery-failure',
		evidence: `Telegram answered ${error.details.code} "${description}" to a send to chat ${chatId}`,
		changedAt: at.toISOString(),
	};
}

/** The same refusal, with what became of it in the store added to its message. */
export function withNote(error: ProviderError, note: string): ProviderError {
	return new ProviderError(error.provider, `${error.message}. ${note}`, error.details);
}
