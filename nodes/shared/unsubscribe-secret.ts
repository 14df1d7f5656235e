import { NodeOperationError, type IExecuteFunctions, type IWebhookFunctions } from 'n8n-workflow';
import { STORE_CREDENTIAL } from './store';

/**
 * The secret that signs and checks unsubscribe links: the node's own option when set, else the
 * "Unsubscribe Link Secret" of its Omnichannel Store credential. The sending node and the
 * Unsubscribe Trigger must use the same one.
 */
export async function unsubscribeSecret(context: IExecuteFunctions | IWebhookFunctions, option: unknown): Promise<string> {
	const own = String(option ?? '').trim();
	if (own) return own;
	if (context.getNode().credentials?.[STORE_CREDENTIAL]) {
		const credential = await context.getCredentials(STORE_CREDENTIAL);
		const secret = String(credential.linkSecret ?? '').trim();
		if (secret) return secret;
	}
	throw new NodeOperationError(context.getNode(), 'No secret to sign unsubscribe links with', {
		description:
			'Set "Unsubscribe Link Secret" in the Omnichannel Store credential and choose that credential on this node and on the Omnichannel Unsubscribe Trigger, or set the same Unsubscribe Link Secret option on both.',
	});
}
