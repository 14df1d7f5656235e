import { ownEntry } from '../shared/own-entry';

/**
 * Twilio's error codes (https://www.twilio.com/docs/api/errors), each written once: what it
 * means when a status callback or a message reports it, and what to do about it when Twilio
 * refuses a request.
 */
interface TwilioErrorText {
	/** What happened, as a failed message's error text. */
	meaning?: string;
	/** What the person running the flow can do about it. */
	hint?: string;
}

const ERRORS: Record<string, TwilioErrorText> = {
	'20003': { hint: 'Twilio did not accept the credential. Copy the Account SID and Auth Token (or the API Key SID and Secret) again from the Twilio Console into the Omnichannel Twilio credential.' },
	'20404': { hint: 'Twilio found nothing with this SID in the account. Check the Message SID, and that the credential belongs to the account that sent the message.' },
	'20429': { hint: 'Twilio is limiting how fast this account sends; the node waited and tried again without success. Send fewer messages at once (smaller batches, or a Wait node between them).' },
	'21211': { hint: 'The To number is not a valid phone number. Write it with + and the country code (e.g. +5511987654321), or set the Default Country for numbers written without it.' },
	'21212': { hint: 'The From number is not valid. Use one of your Twilio numbers with + and the country code, or send through a Messaging Service instead.' },
	'21408': { hint: 'Your Twilio account is not allowed to send SMS to this country. Turn the country on in the Twilio Console: Messaging > Settings > Geo permissions.' },
	'21602': { hint: 'The message is empty. Fill in the Message, or add a Media URL.' },
	'21606': { hint: 'The From number cannot send SMS, or is not one of your Twilio numbers. Pick an SMS-capable number from your Twilio Console, or use a Messaging Service.' },
	'21608': { hint: 'This is a Twilio trial account: it can only send to numbers verified in the Twilio Console. Verify the number there, or upgrade the account.' },
	'21610': {
		meaning: 'The recipient replied STOP: messages to this number are blocked until they reply START',
		hint: 'This person replied STOP and has unsubscribed from your number. Do not message them on this number unless they reply START; record them as opted out.',
	},
	'21612': { hint: 'Twilio cannot deliver from this sender to this number (the pair is not supported, e.g. a short code to a foreign number). Try another sender or channel.' },
	'21614': {
		meaning: 'The To number is not a valid mobile number',
		hint: 'The To number cannot receive SMS (it is probably a landline). Use another number of this customer, or call them instead.',
	},
	'21617': { hint: 'The message is too long: Twilio accepts at most 1,600 characters. Shorten it or split it in two.' },
	'21620': { hint: 'A Media URL is not valid. Media URLs must be public http(s) addresses of an image, video, audio or PDF file.' },
	'21623': { hint: 'There are too many Media URLs: send at most 10 per message (1 on WhatsApp).' },
	'21659': { hint: 'The From number is not a Twilio number of this account. Pick a number from your Twilio Console, or use a Messaging Service.' },
	'21703': { hint: 'The Messaging Service has no sender numbers. Add a number to it in the Twilio Console: Messaging > Services.' },
	'21705': { hint: 'The Messaging Service SID is not valid for this account. Copy it (it starts with MG) from the Twilio Console: Messaging > Services.' },
	'21910': { hint: 'From and To must be on the same channel: both WhatsApp (whatsapp:+...) or both plain phone numbers.' },
	'30001': { meaning: 'Queue overflow: too many messages were queued for the sender' },
	'30002': { meaning: 'The Twilio account was suspended' },
	'30003': { meaning: 'Unreachable destination handset' },
	'30004': { meaning: 'Message blocked by the recipient or the carrier' },
	'30005': { meaning: 'Unknown destination handset' },
	'30006': { meaning: 'Landline or unreachable carrier' },
	'30007': { meaning: 'Message filtered by the carrier' },
	'30008': { meaning: 'Unknown error from the carrier' },
	'30034': { meaning: 'Message from an unregistered US A2P 10DLC number' },
	'63007': { hint: 'Twilio has no WhatsApp sender for the From number. Use a number enabled for WhatsApp in the Twilio Console, or a Messaging Service with one.' },
	'63016': {
		meaning: 'Outside the WhatsApp customer service window: only an approved template can be sent',
		hint: 'More than 24 hours have passed since the customer last wrote on WhatsApp: only an approved template can be sent now. Set a Content Template SID.',
	},
};

/** Twilio's page about an error code. */
export function twilioErrorDocs(code: string | number): string {
	return `https://www.twilio.com/docs/api/errors/${code}`;
}

/** A readable description of a Twilio error code: Twilio's own when given, else ours, else the code and its page. */
export function twilioErrorMessage(code: string, given?: string): string {
	if (given && given.trim() !== '') return given.trim();
	return ownEntry(ERRORS, code)?.meaning ?? `Twilio error ${code} (see ${twilioErrorDocs(code)})`;
}

/** What to do about a Twilio error code, when it is one a sender meets often. */
export function twilioErrorHint(code: string | number): string | undefined {
	return ownEntry(ERRORS, String(code))?.hint;
}
