import type { IBinaryData, IBinaryKeyData, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { CanonicalEvent } from '../../core/model';
import { answerWebhook } from './channel-webhook';
import { firstDeliveries } from './delivery-ledger';

/**
 * Starts one execution with an e-mail event and its attachments as binary data
 * (attachment_0, attachment_1, …). The attachments are stored before the provider is
 * answered: if that fails it gets a 500 and retries, and nothing is lost. A redelivered
 * e-mail is answered 200 and starts nothing.
 */
export async function startWithAttachments<File>(
	context: IWebhookFunctions,
	provider: string,
	event: CanonicalEvent,
	files: File[],
	toBinary: (file: File, index: number) => Promise<IBinaryData>,
): Promise<IWebhookResponseData> {
	const binary: IBinaryKeyData = {};
	try {
		for (const [index, file] of files.entries()) binary[`attachment_${index}`] = await toBinary(file, index);
	} catch (error) {
		context.logger.error(`${context.getNode().name}: could not store the attachments of a ${provider} email: ${(error as Error).message}`);
		answerWebhook(context, 500, 'Could not store the attachments; please retry');
		return { noWebhookResponse: true };
	}
	// Claimed only once the attachments are stored: a failure above must leave the retry its claim.
	let fresh: CanonicalEvent[];
	try {
		fresh = await firstDeliveries(context, [event]);
	} catch (error) {
		context.logger.error(`${context.getNode().name}: could not check ${provider} deliveries for redeliveries: ${(error as Error).message}`);
		answerWebhook(context, 503, 'Could not record the delivery; please retry');
		return { noWebhookResponse: true };
	}
	answerWebhook(context, 200, '{"received":true}', 'application/json');
	if (!fresh.length) return { noWebhookResponse: true };
	return { noWebhookResponse: true, workflowData: [[{ json: event as unknown as IDataObject, ...(files.length ? { binary } : {}) }]] };
}
