import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { answerVerificationRequest } from '../../core/channels/meta/signature';
import { answerWebhook } from './channel-webhook';

/**
 * Meta's subscription check (GET with hub.mode, hub.verify_token, hub.challenge), the same
 * for WhatsApp, Messenger and Instagram: the challenge back when the token matches, else 403.
 */
export function answerMetaHandshake(context: IWebhookFunctions, verifyToken: string, label: string): IWebhookResponseData {
	const verdict = answerVerificationRequest(context.getQueryData() as Record<string, unknown>, verifyToken);
	if (verdict.status === 200) {
		answerWebhook(context, 200, verdict.body);
	} else {
		context.logger.warn(`${context.getNode().name}: refused a ${label} webhook verification request: ${verdict.reason}`);
		answerWebhook(context, 403, 'Forbidden');
	}
	return { noWebhookResponse: true };
}
