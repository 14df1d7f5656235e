import type { HttpResponse } from '../../http/http-client';
import { ProviderError } from '../provider-error';

/** What Twilio's REST API answers when it refuses a request (https://www.twilio.com/docs/usage/troubleshooting/debugging-your-application). */
export interface TwilioErrorBody {
	code?: number;
	message?: string;
	more_info?: string;
	status?: number;
}

/** What to do about the Twilio errors a sender meets most, in plain words. */
const HINTS: Record<number, string> = {
	20003: 'Twilio did not accept the credential. Copy the Account SID and Auth Token (or the API Key SID and Secret) again from the Twilio Console into the Omnichannel Twilio credential.',
	20404: 'Twilio found nothing with this SID in the account. Check the Message SID, and that the credential belongs to the account that sent the message.',
	20429: 'Twilio is limiting how fast this account sends; the node waited and tried again without success. Send fewer messages at once (smaller batches, or a Wait node between them).',
	21211: 'The To number is not a valid phone number. Write it with + and the country code (e.g. +5511987654321), or set the Default Country for numbers written without it.',
	21212: 'The From number is not valid. Use one of your Twilio numbers with + and the country code, or send through a Messaging Service instead.',
	21408: 'Your Twilio account is not allowed to send SMS to this country. Turn the country on in the Twilio Console: Messaging > Settings > Geo permissions.',
	21602: 'The message is empty. Fill in the Message, or add a Media URL.',
	21606: 'The From number cannot send SMS, or is not one of your Twilio numbers. Pick an SMS-capable number from your Twilio Console, or use a Messaging Service.',
	21608: 'This is a Twilio trial account: it can only send to numbers verified in the Twilio Console. Verify the number there, or upgrade the account.',
	21610: 'This person replied STOP and has unsubscribed from your number. Do not message them on this number unless they reply START; record them as opted out.',
	21612: 'Twilio cannot deliver from this sender to this number (the pair is not supported, e.g. a short code to a foreign number). Try another sender or channel.',
	21614: 'The To number cannot receive SMS (it is probably a landline). Use another number of this customer, or call them instead.',
	21617: 'The message is too long: Twilio accepts at most 1,600 characters. Shorten it or split it in two.',
	21620: 'A Media URL is not valid. Media URLs must be public http(s) addresses of an image, video, audio or PDF file.',
	21623: 'There are too many Media URLs: send at most 10 per message (1 on WhatsApp).',
	21659: 'The From number is not a Twilio number of this account. Pick a number from your Twilio Console, or use a Messaging Service.',
	21703: 'The Messaging Service has no sender numbers. Add a number to it in the Twilio Console: Messaging > Services.',
	21705: 'The Messaging Service SID is not valid for this account. Copy it (it starts with MG) from the Twilio Console: Messaging > Services.',
	21910: 'From and To must be on the same channel: both WhatsApp (whatsapp:+...) or both plain phone numbers.',
	63007: 'Twilio has no WhatsApp sender for the From number. Use a number enabled for WhatsApp in the Twilio Console, or a Messaging Service with one.',
	63016: 'More than 24 hours have passed since the customer last wrote on WhatsApp: only an approved template can be sent now. Set a Content Template SID.',
};

/** A Twilio refusal as a ProviderError with Twilio's code and what to do about it. */
export function twilioSendError(response: HttpResponse, action: string): ProviderError {
	const body = typeof response.body === 'object' && response.body !== null ? (response.body as TwilioErrorBody) : undefined;
	const code = typeof body?.code === 'number' ? body.code : undefined;
	const said = body?.message?.trim() || `Twilio answered HTTP ${response.status}`;
	const docs = body?.more_info ?? (code === undefined ? undefined : `https://www.twilio.com/docs/errors/${code}`);
	const fallback =
		response.status === 401 || response.status === 403
			? HINTS[20003]
			: response.status === 429
				? HINTS[20429]
				: response.status >= 500
					? 'Twilio is having trouble right now and did not recover after several tries. Run the workflow again in a few minutes.'
					: undefined;
	const hint = (code !== undefined ? HINTS[code] : undefined) ?? fallback ?? (docs ? `See ${docs} for what this error means and how to fix it.` : undefined);
	return new ProviderError('twilio', `Twilio could not ${action}: ${said}`, {
		status: response.status,
		code,
		hint,
		body: body ?? { message: typeof response.body === 'string' ? response.body.slice(0, 500) : said },
	});
}
