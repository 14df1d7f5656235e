import { PayloadError } from '../shared/payload-error';
import type { TwilioAddress } from './address';

/**
 * Our account on a Twilio webhook: our number (or sender id) on the side the webhook names,
 * else the Messaging Service, else the Twilio account, which every webhook carries.
 */
export function twilioAccount(ours: TwilioAddress | undefined, fields: Record<string, string>): string {
	const account = ours?.value || fields.MessagingServiceSid || fields.AccountSid;
	if (!account) throw new PayloadError('Twilio', 'the form names none of our numbers and no AccountSid: which account it came to is unknown');
	return account;
}
