import type { HttpResponse } from '../../http/http-client';
import { ProviderError } from '../provider-error';
import { graphErrorOf, type GraphError } from '../meta/graph-error';

/**
 * What the WhatsApp Cloud API's error codes mean, in words an operations person can act on.
 * Meta answers a refused request with
 * `{ "error": { "message", "type", "code", "error_subcode"?, "error_data": { "details" }, "fbtrace_id" } }`,
 * most often with HTTP 400 (401 for an invalid token). The codes are Meta's own:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
 */

export const PROVIDER_LABEL = 'WhatsApp Cloud API';

/**
 * Codes that mean "too much, too fast": sent again with backoff before giving up.
 * 4: too many API calls for the app; 80007: the WhatsApp Business Account's rate limit;
 * 130429: the phone number's throughput (messages per second); 131056: too many messages
 * to the same customer in a short time (pair rate limit).
 */
const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 80007, 130429, 131056]);

const TEMPLATE_HINT_SUFFIX = 'Templates are listed in WhatsApp Manager > Account tools > Message templates.';

const HINTS: Record<number, string> = {
	4: 'Meta is limiting how many requests this app makes. The node retried with pauses and was still refused: spread the sends over more time (for example with a Wait node between batches).',
	10: 'The access token is not allowed to send from this number. Give the system user the whatsapp_business_messaging permission and access to this WhatsApp account, then generate a new token.',
	100: 'A field of the request is not valid. Check the recipient, the Phone Number ID, the message text and any IDs or links in the node; Meta names the field in the details.',
	190: 'The access token has expired or is not valid. Generate a new one in Meta Business Settings > Users > System users (a system user token does not expire) and paste it into the WhatsApp Cloud API credential.',
	200: 'The access token lacks a permission. Give it whatsapp_business_messaging and whatsapp_business_management, then generate a new token.',
	80007: 'This WhatsApp Business Account reached its rate limit. The node retried with pauses and was still refused: send fewer messages at once and try again later.',
	130429: 'This phone number is sending more messages per second than WhatsApp allows. The node retried with pauses and was still refused: send in smaller batches (for example with a Wait node between them) and try again.',
	131026: 'This person cannot receive the message: the number may not be on WhatsApp, they may use an old version of WhatsApp, or they have not accepted WhatsApp\'s latest terms. Check the number, or reach them on another channel.',
	131030: 'This number is not in the list of allowed recipients. While the app is in development, add it in the Meta App Dashboard > WhatsApp > API Setup > "To", or send from a registered production number.',
	131031: 'The WhatsApp Business Account is locked or restricted. Open WhatsApp Manager to see why and what Meta asks you to do.',
	131047: 'More than 24 hours have passed since this customer last wrote to you. WhatsApp only lets you send free-form messages within 24 hours of the customer\'s last message: send an approved template instead (operation "Send Template").',
	131048: 'WhatsApp is limiting this number because many recipients blocked or reported it. Send only to people who asked to hear from you, and check the quality rating in WhatsApp Manager.',
	131051: 'WhatsApp does not support this type of message. Choose another operation.',
	131052: 'WhatsApp could not download the media the customer sent.',
	131053: 'WhatsApp could not use the media file: check that the link opens publicly without login, and that the file type and size are allowed for this media type.',
	131056: 'Too many messages to this same customer in a short time. The node retried with pauses and was still refused: wait a few seconds before writing to this customer again.',
	131062: 'This message cannot be sent to a business-scoped user ID (a customer known only by username). Send it to the customer\'s phone number instead, or choose another kind of message.',
	132000: `The number of parameters does not match the template: send exactly as many Body Parameters as the template has variables ({{1}}, {{2}}...), and header or button values only where the template has them. ${TEMPLATE_HINT_SUFFIX}`,
	132001: `The template does not exist in that language, or is not approved yet. Check the template name and the language code (for example en_US or pt_BR). ${TEMPLATE_HINT_SUFFIX}`,
	132005: 'The template text becomes too long once the parameters are filled in. Use shorter parameter values.',
	132007: 'The template breaks a WhatsApp policy and was refused. Edit the template in WhatsApp Manager.',
	132012: `A template parameter has the wrong format (for example text where the template expects an image). ${TEMPLATE_HINT_SUFFIX}`,
	132015: 'The template is paused because of low quality. Edit it or use another one.',
	132016: 'The template was disabled because of low quality. Create a new one.',
	133010: 'This phone number is not registered on the WhatsApp Cloud API. Register it in WhatsApp Manager before sending.',
	368: 'This account is temporarily blocked for breaking WhatsApp\'s policies. See WhatsApp Manager > Account quality.',
};

/** Whether an answer is worth sending again: 429, 5xx, and Meta's rate-limit codes. */
export function isRetryableWhatsAppResponse(response: HttpResponse): boolean {
	if (response.status === 429 || response.status >= 500) return true;
	const code = graphErrorOf(response.body)?.code;
	return code !== undefined && RATE_LIMIT_CODES.has(code);
}

/** The plain-words hint for a Meta error, with Meta's own details and the trace id support asks for. */
function whatsappErrorHint(error: GraphError): string {
	const known = error.code === undefined ? undefined : HINTS[error.code];
	const message = error.message ?? 'no message';
	const said = error.details && error.details !== message ? `${message}: ${error.details}` : message;
	const hint = known ? `${known} Meta said: "${said}".` : `Meta said: "${said}". Check the node's fields against this message, or look the code up in Meta's WhatsApp error codes.`;
	return error.traceId ? `${hint} If you contact Meta support, quote fbtrace_id ${error.traceId}.` : hint;
}

/** A refused request as a ProviderError with Meta's code, a hint, and Meta's error body (it never holds the token). */
export function whatsappProviderError(response: HttpResponse, action: string): ProviderError {
	const error = graphErrorOf(response.body);
	if (!error) {
		const bodyText = typeof response.body === 'string' ? response.body.slice(0, 300) : JSON.stringify(response.body ?? '').slice(0, 300);
		const hint =
			response.status === 404
				? 'Nothing answers at this address: check the Phone Number ID and the Graph API version, and the Base URL if you changed it.'
				: response.status === 429 || response.status >= 500
					? 'Meta is busy or failing; the node retried with pauses. Try again in a few minutes.'
					: 'Check the Base URL in the credential: the answer did not come from the WhatsApp Cloud API.';
		return new ProviderError(PROVIDER_LABEL, `${action} failed with HTTP ${response.status}`, {
			status: response.status,
			hint,
			body: { status: response.status, body: bodyText },
		});
	}
	return new ProviderError(PROVIDER_LABEL, `${action} failed: ${error.userMessage ?? error.message ?? 'no message'}`, {
		status: response.status,
		code: error.code,
		hint: whatsappErrorHint(error),
		body: { error: (response.body as { error: unknown }).error },
	});
}
