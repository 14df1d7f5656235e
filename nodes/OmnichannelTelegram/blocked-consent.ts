import type { IExecuteFunctions } from 'n8n-workflow';
import { blockedConsentChange, isTelegramBlockedError, withNote } from '../../core/channels/telegram/blocked';
import type { ProviderError } from '../../core/channels/provider-error';
import type { ItemLoop } from '../shared/action-router';
import { sendEachItem } from '../shared/send-items';
import { customerGraphFor, STORE_CREDENTIAL } from '../shared/store';

/**
 * When the node has a store, a customer who blocked the bot is recorded as unsubscribed from
 * everything on Telegram, with Telegram's answer as evidence: campaigns then leave them out.
 * The send still fails, and its message says what was recorded.
 */
async function recordBlock(context: IExecuteFunctions, itemIndex: number, error: ProviderError): Promise<ProviderError> {
	const chatId = String(context.getNodeParameter('chatId', itemIndex, '') ?? '').trim();
	try {
		const graph = await customerGraphFor(context);
		const customerId = await graph.findCustomerId({ identifier: { kind: 'telegram', value: chatId } });
		if (!customerId) return withNote(error, `No customer in the store has the Telegram ID ${chatId}, so no consent change was recorded`);
		await graph.changeConsent(customerId, blockedConsentChange(chatId, error));
		return withNote(error, `Recorded in the store: customer ${customerId} is unsubscribed from Telegram`);
	} catch (storeError) {
		context.logger.warn(`${context.getNode().name}: could not record that chat ${chatId} blocked the bot: ${(storeError as Error).message}`);
		return withNote(error, `The store could not record it: ${(storeError as Error).message}`);
	}
}

/** sendEachItem, recording blocks in the node's store when it has one. */
export const sendRecordingBlocks: ItemLoop = async (context, send) =>
	await sendEachItem(context, async (itemIndex) => {
		try {
			return await send(itemIndex);
		} catch (error) {
			if (isTelegramBlockedError(error) && context.getNode().credentials?.[STORE_CREDENTIAL]) throw await recordBlock(context, itemIndex, error);
			throw error;
		}
	});
