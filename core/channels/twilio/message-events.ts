import { eventKey, type Attachment, type CanonicalEvent } from '../../model';
import { outboundEvent } from '../outbound-event';
import type { ParseOptions } from '../types';
import { attachmentTypeForMime } from '../shared/attachment-type';
import { nowIso } from '../shared/unix-time';
import { twilioAddress, twilioChannel } from './address';
import { twilioDeliveryStatus } from './delivery-status';
import { twilioErrorMessage } from './error-codes';
import { matchOptOut } from './opt-out';
import { twilioAccount } from './account';

type Fields = Record<string, string>;

function rawOf(fields: Fields, options?: ParseOptions) {
	return options?.includeRaw ? { raw: fields } : {};
}

/** MMS media and WhatsApp media: NumMedia, then MediaUrl{N} and MediaContentType{N}; a WhatsApp location. */
function twilioAttachments(fields: Fields): Attachment[] {
	const attachments: Attachment[] = [];
	const count = Number.parseInt(fields.NumMedia ?? '0', 10) || 0;
	for (let index = 0; index < count; index++) {
		const url = fields[`MediaUrl${index}`];
		if (!url) continue;
		const mimeType = fields[`MediaContentType${index}`];
		attachments.push({ type: attachmentTypeForMime(mimeType), url, ...(mimeType ? { mimeType } : {}) });
	}
	if (fields.Latitude && fields.Longitude) {
		const caption = [fields.Label, fields.Address].filter(Boolean).join(', ');
		attachments.push({ type: 'location', url: `geo:${fields.Latitude},${fields.Longitude}`, ...(caption ? { caption } : {}) });
	}
	return attachments;
}

/**
 * An incoming SMS, MMS or WhatsApp message, on our number (`account`). On SMS, Twilio's
 * opt-out rules apply: a whole message STOP (and its synonyms) is a `consent` event
 * unsubscribing from every message on the channel, START/YES/UNSTOP one subscribing again;
 * HELP/INFO is no consent and stays a `message` with action payload `help`. On WhatsApp
 * only Advanced Opt-Out's OptOutType counts, since Twilio does not filter keywords there and
 * "Yes" is an ordinary answer. Quick-reply buttons and list picks (ButtonPayload, ListId)
 * are `action` events.
 */
export function twilioMessageEvent(fields: Fields, options?: ParseOptions): CanonicalEvent[] {
	const externalId = fields.MessageSid || fields.SmsMessageSid || fields.SmsSid;
	const from = twilioAddress(fields.From);
	const to = twilioAddress(fields.To);
	const channel = twilioChannel(from, to);
	const account = twilioAccount(to, fields);
	const event: CanonicalEvent = {
		id: eventKey({ channel, account, externalId }),
		type: 'message',
		channel,
		provider: 'twilio',
		direction: 'inbound',
		account,
		externalId,
		timestamp: nowIso(),
		from: { identities: from?.phone ? [from.phone] : [], ...(fields.ProfileName ? { name: fields.ProfileName } : {}) },
		to: {},
		...rawOf(fields, options),
	};
	if (fields.Body) event.text = fields.Body;
	const attachments = twilioAttachments(fields);
	if (attachments.length > 0) event.attachments = attachments;
	const optOut = matchOptOut(channel === 'sms' ? fields.Body : undefined, fields.OptOutType);
	if (optOut?.intent === 'help') {
		event.action = { payload: 'help', title: optOut.keyword };
	} else if (optOut) {
		event.type = 'consent';
		// Twilio blocks or unblocks every message from this number (or Messaging Service) to the customer.
		event.consent = { channel, purpose: 'all', state: optOut.intent === 'subscribe' ? 'subscribed' : 'unsubscribed' };
	} else if (fields.ButtonPayload || fields.ListId) {
		event.type = 'action';
		const payload = fields.ButtonPayload || fields.ListId;
		const title = fields.ButtonText || fields.ListTitle;
		event.action = title ? { payload, title } : { payload };
	}
	return [event];
}

/** RawDlrDoneDate is the carrier's completion time as YYMMDDhhmm; read as UTC. */
function doneDate(value: string | undefined): string | undefined {
	const match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value ?? '');
	if (!match) return undefined;
	const [, yy, mm, dd, hh, mi] = match.map(Number);
	const date = new Date(Date.UTC(2000 + yy, mm - 1, dd, hh, mi));
	return Number.isNaN(date.getTime()) || date.getUTCDate() !== dd ? undefined : date.toISOString();
}

/**
 * A status callback for a message we sent: sent, delivered, read, and undelivered or
 * failed (both `failed`, with the ErrorCode). Intermediate states (queued, accepted,
 * scheduled, sending) and canceled yield no event. The customer is the To number.
 */
export function twilioStatusEvent(fields: Fields, options?: ParseOptions): CanonicalEvent[] {
	const messageSid = fields.MessageSid || fields.SmsSid;
	const status = twilioDeliveryStatus(fields.MessageStatus);
	if (!status) return [];
	const from = twilioAddress(fields.From);
	const to = twilioAddress(fields.To);
	const channel = twilioChannel(from, to);
	const event = outboundEvent({
		channel,
		provider: 'twilio',
		externalId: `${messageSid}:${status}`,
		type: 'status',
		timestamp: doneDate(fields.RawDlrDoneDate) ?? nowIso(),
		account: twilioAccount(from, fields),
		identities: to?.phone ? [to.phone] : [],
		status,
		thread: { messageId: messageSid },
		...rawOf(fields, options),
	});
	if (fields.ErrorCode) {
		const code = /^\d+$/.test(fields.ErrorCode) ? Number(fields.ErrorCode) : fields.ErrorCode;
		event.error = { code, message: twilioErrorMessage(fields.ErrorCode, fields.ErrorMessage) };
	}
	return [event];
}
