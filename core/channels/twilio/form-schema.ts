import { z } from 'zod';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { countText, formFields, textField } from '../shared/payload-fields';

/**
 * The fields of a Twilio message, status or call webhook
 * (https://www.twilio.com/docs/messaging/guides/webhook-request): every value is text,
 * sids and addresses short, NumMedia a count of at most INBOUND_LIMITS.twilio.media (it
 * drives the loop over MediaUrl0…N), and the number of fields bounded.
 */

const short = z.string().max(INBOUND_LIMITS.idLength).optional();

export const twilioFormSchema = formFields(
	{
		MessageSid: short,
		SmsMessageSid: short,
		SmsSid: short,
		CallSid: short,
		AccountSid: short,
		From: short,
		To: short,
		Caller: short,
		Called: short,
		MessageStatus: short,
		CallStatus: short,
		Body: textField.optional(),
		NumMedia: countText(INBOUND_LIMITS.twilio.media, 'media per message').optional(),
	},
	INBOUND_LIMITS.twilio.fields,
	INBOUND_LIMITS.textLength,
);
