import { createHmac } from 'node:crypto';

/**
 * The verify token a Meta trigger answers the webhook check with: the credential's, or,
 * when it has none, one derived from the App Secret and the node's webhook id. Derived,
 * not random: Meta checks the URL while the activation is still running, and that check is
 * served from the saved workflow, which may not hold yet what the activation stores.
 */
export function metaVerifyToken(credentialToken: string, appSecret: string, webhookId: string | undefined): string {
	if (credentialToken.trim()) return credentialToken;
	if (!appSecret.trim() || !webhookId) return '';
	return createHmac('sha256', appSecret.trim()).update(`omnichannel-verify-token:${webhookId}`).digest('base64url');
}
