import type { IWebhookFunctions } from 'n8n-workflow';
import { constantTimeEqual } from '../../core/channels/shared/constant-time-equal';

/** The query parameter that carries a trigger's URL secret: …/webhook?secret=… */
const URL_SECRET_PARAMETER = 'secret';

/**
 * Checks the URL secret of a webhook request (for providers that cannot sign, such as
 * Postmark) in constant time. Answers 401 when absent and 403 when wrong, logs without
 * the secret, and returns false; true when no secret is set or it matches.
 */
export function checkUrlSecret(context: IWebhookFunctions, expected: string, provider: string): boolean {
	if (!expected) return true;
	const value = context.getQueryData() as Record<string, unknown>;
	const raw = value[URL_SECRET_PARAMETER];
	const given = Array.isArray(raw) ? String(raw[0] ?? '') : typeof raw === 'string' ? raw : '';
	if (given && constantTimeEqual(given, expected)) return true;
	const reason = given ? 'the URL secret does not match' : `the URL has no ?${URL_SECRET_PARAMETER}= parameter`;
	context.logger.warn(`${context.getNode().name}: refused a ${provider} webhook: ${reason}`);
	const response = context.getResponseObject();
	response.status(given ? 403 : 401);
	response.setHeader('content-type', 'text/plain');
	response.end(given ? 'Forbidden' : 'Unauthorized');
	return false;
}
