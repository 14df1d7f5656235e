import type { HttpResponse } from '../../http/http-client';
import { ProviderError } from '../provider-error';
import { graphErrorOf, type GraphError } from './graph-error';

/**
 * Messenger's and Instagram's refusals (the Graph API's error body, read by graphErrorOf)
 * as a ProviderError whose hint tells the person running the flow what to do. Codes from
 * Meta's Messenger Platform and Instagram Messaging error references.
 */

/**
 * Codes that mean "too many requests, or a passing failure: try again later": 2 (temporary),
 * 4 (app limit), 17 (user limit), 32 (Page limit), 613 (call rate), 1200 (temporary send
 * failure), 80002 (Instagram) and 80006 (Messenger) business-use-case limits.
 */
const RETRYABLE_CODES = new Set([2, 4, 17, 32, 613, 1200, 80002, 80006]);
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80002, 80006]);

/** Whether Meta asked us to try again later: HTTP 429 or 5xx, or a rate-limit / temporary Graph error. */
export function isRetryableGraphResponse(response: HttpResponse): boolean {
	if (response.status === 429 || response.status >= 500) return true;
	const error = graphErrorOf(response.body);
	return !!error && (error.transient === true || (error.code !== undefined && RETRYABLE_CODES.has(error.code)));
}

/** What a person can do about an error, in the words of the channel ("Messenger", "Instagram"). */
function hintFor(error: GraphError, label: string): string | undefined {
	const { code, subcode } = error;
	const window =
		`The customer last wrote to you more than 24 hours ago, and ${label} only accepts replies within 24 hours of the customer's last message. ` +
		"If a person is answering and the customer wrote within the last 7 days, set Message Window to \"Human Agent Reply (Within 7 Days)\" and send again; otherwise wait until the customer writes again, or reach them on another channel.";
	if (subcode === 2018278 || subcode === 2534022) return window;
	if (subcode === 2018065) {
		return `${window} Automated messages outside the window also need Meta's approval for the page_messaging_subscriptions permission.`;
	}
	if (subcode === 2018001 || subcode === 2534014) {
		return `${label} found no customer with this id for your account. Ids are different for every Page, Instagram account and app: use the id the ${label} Trigger of this same account received, and check the credential is for that account. The customer may also have deleted their account.`;
	}
	if (code === 551) {
		return `This person can't receive your messages right now: they may have blocked your ${label === 'Instagram' ? 'account' : 'Page'}, turned off messages, or deactivated their account. Sending again won't help; reach them on another channel.`;
	}
	if (code === 190) {
		return 'The access token in the Omnichannel Meta Page credential has expired or was revoked (for example after a password change, or when the app lost access to the Page). Create a new Page access token in the Meta App Dashboard or Business Settings and paste it into the credential.';
	}
	if (code !== undefined && RATE_LIMIT_CODES.has(code)) {
		return `Meta is limiting how many messages you can send right now. We waited and tried again a few times; send fewer messages at once (for example with a Wait or Loop Over Items node) and try again in a few minutes.`;
	}
	if (code === 10 || code === 200 || (code !== undefined && code >= 200 && code < 300)) {
		return `The app is not allowed to send this message. Check that the access token belongs to someone who can message as this ${label === 'Instagram' ? 'Instagram account' : 'Page'}, and that the app has the ${label === 'Instagram' ? 'instagram_manage_messages' : 'pages_messaging'} permission with Advanced Access.`;
	}
	if (subcode === 2018047 || subcode === 2018074 || subcode === 2018108) {
		return `${label} could not fetch the media from its URL. The URL must be public (no login), use https, point straight at the file, and be small enough (images up to 8 MB, other files up to 25 MB).`;
	}
	if (code === 100) {
		return `${label} rejected part of the message. Check the recipient id, that the text is not empty or too long, and that any media URL is public and points straight at the file.`;
	}
	if (code === 2 || code === 1200 || error.transient) {
		return `${label} had a temporary problem and still failed after several tries. Try again in a few minutes; if it keeps failing, check https://metastatus.com.`;
	}
	return undefined;
}

/** A refused send as a ProviderError: Meta's code (and subcode), its message, and a hint. */
export function metaSendError(response: HttpResponse, label: string): ProviderError {
	const error = graphErrorOf(response.body);
	if (!error) {
		return new ProviderError(label, `${label} answered HTTP ${response.status} without an error description`, {
			status: response.status,
			hint: response.status >= 500 ? `${label} is having trouble; we tried several times. Try again in a few minutes.` : undefined,
			body: response.body,
		});
	}
	const code = error.code === undefined ? undefined : error.subcode === undefined ? error.code : `${error.code}/${error.subcode}`;
	const reason = error.userMessage ?? error.message ?? 'no message';
	return new ProviderError(label, `${label} did not send the message: ${reason}`, {
		status: response.status,
		code,
		hint: hintFor(error, label),
		body: response.body,
	});
}
