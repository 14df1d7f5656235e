import type { InboundAdapter } from '../types';
import { parseFormBody } from '../shared/form-body';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { boundedBodyText } from '../shared/body-text';
import { PayloadError } from '../shared/payload-error';
import { checkPayload } from '../shared/payload-schema';
import { twilioCallEvent } from './call-events';
import { twilioMessageEvent, twilioStatusEvent } from './message-events';
import { twilioFormSchema } from './form-schema';
import { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from './signature';

const EXPECTED =
	'a Twilio form post: an incoming message (MessageSid, From, To, Body), a message status callback (MessageSid, MessageStatus) or a call webhook (CallSid, CallStatus)';

/**
 * Twilio webhooks, form encoded: incoming SMS/MMS and WhatsApp messages (channel
 * `whatsapp` when the addresses start with `whatsapp:`), message status callbacks and
 * voice call webhooks and status callbacks (channel `voice`, type `call`). Twilio sends no
 * time with incoming messages, so their timestamp is the time of parsing.
 */
export const twilioInbound: InboundAdapter = {
	name: 'twilio',
	bodyFormat: 'form',
	signatureHeader: TWILIO_SIGNATURE_HEADER,
	parse(body, options) {
		const text = boundedBodyText(body, 'Twilio', INBOUND_LIMITS.twilio.bodyBytes);
		if (text.trim().startsWith('{') || text.trim().startsWith('<')) {
			throw new PayloadError('Twilio', `the request body is not form encoded; expected ${EXPECTED}`);
		}
		const { fields } = parseFormBody(text);
		checkPayload(twilioFormSchema, fields, 'Twilio');
		if (fields.CallSid && fields.CallStatus && !fields.MessageSid) return twilioCallEvent(fields, options);
		const messageSid = fields.MessageSid || fields.SmsMessageSid || fields.SmsSid;
		if (!messageSid || !fields.From) throw new PayloadError('Twilio', `the form has no MessageSid/CallSid or no From; expected ${EXPECTED}`);
		const status = (fields.MessageStatus ?? '').toLowerCase();
		if (status && status !== 'received' && status !== 'receiving') return twilioStatusEvent(fields, options);
		return twilioMessageEvent(fields, options);
	},
	verify: verifyTwilioSignature,
};
