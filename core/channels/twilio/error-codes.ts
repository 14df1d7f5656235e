import { ownEntry } from '../shared/own-entry';

/** Descriptions of the Twilio error codes most often seen in message status callbacks (https://www.twilio.com/docs/api/errors). */
const MESSAGES: Record<string, string> = {
	'21610': 'The recipient replied STOP: messages to this number are blocked until they reply START',
	'21614': 'The To number is not a valid mobile number',
	'30001': 'Queue overflow: too many messages were queued for the sender',
	'30002': 'The Twilio account was suspended',
	'30003': 'Unreachable destination handset',
	'30004': 'Message blocked by the recipient or the carrier',
	'30005': 'Unknown destination handset',
	'30006': 'Landline or unreachable carrier',
	'30007': 'Message filtered by the carrier',
	'30008': 'Unknown error from the carrier',
	'30034': 'Message from an unregistered US A2P 10DLC number',
	'63016': 'Outside the WhatsApp customer service window: only an approved template can be sent',
};

/** A readable description of a Twilio error code; the code itself when it is not one of the common ones. */
export function twilioErrorMessage(code: string, given?: string): string {
	if (given && given.trim() !== '') return given.trim();
	return ownEntry(MESSAGES, code) ?? `Twilio error ${code} (see https://www.twilio.com/docs/api/errors/${code})`;
}
