import { eventKey, type CanonicalEvent } from '../../model';
import { dateTextToIso, nowIso } from '../shared/unix-time';
import { twilioAddress, twilioChannel } from './address';
import { twilioDeliveryStatus } from './delivery-status';
import { twilioErrorMessage } from './error-codes';

/** Twilio's Message resource, as the Messages API returns it (https://www.twilio.com/docs/messaging/api/message-resource). */
export interface TwilioMessageResource {
	sid: string;
	account_sid?: string;
	messaging_service_sid?: string | null;
	to?: string | null;
	from?: string | null;
	body?: string | null;
	/** queued, sending, sent, delivered, undelivered, failed, receiving, received, accepted, scheduled, read, partially_delivered, canceled */
	status?: string;
	/** inbound, outbound-api, outbound-call, outbound-reply */
	direction?: string;
	num_media?: string;
	num_segments?: string;
	error_code?: number | null;
	error_message?: string | null;
	date_created?: string | null;
	date_sent?: string | null;
	date_updated?: string | null;
	price?: string | null;
	price_unit?: string | null;
	uri?: string;
}

/** Whether a value looks like a Twilio Message resource (it has a message SID). */
export function isTwilioMessageResource(value: unknown): value is TwilioMessageResource {
	return typeof value === 'object' && value !== null && typeof (value as { sid?: unknown }).sid === 'string' && (value as { sid: string }).sid !== '';
}

/**
 * A Message resource as a canonical `message` event, for looking a message up by SID: the
 * customer is the sender of an inbound message and the recipient of an outbound one.
 * `status` is set once the message is sent, delivered, read or failed (undelivered counts
 * as failed); while Twilio still holds it (queued, accepted, scheduled, sending) it is left
 * out, and the Twilio status is in the raw response.
 */
export function twilioMessageResourceEvent(resource: TwilioMessageResource, includeRaw = false): CanonicalEvent {
	const from = twilioAddress(resource.from ?? undefined);
	const to = twilioAddress(resource.to ?? undefined);
	const channel = twilioChannel(from, to);
	const inbound = (resource.direction ?? '').toLowerCase() === 'inbound';
	// The Twilio account, which every resource names, when neither number nor service says more.
	const account = (inbound ? to?.value : (from?.value ?? resource.messaging_service_sid ?? undefined)) || resource.account_sid || 'twilio';
	const customer = inbound ? from : to;
	const event: CanonicalEvent = {
		id: eventKey({ channel, account, externalId: resource.sid }),
		type: 'message',
		channel,
		provider: 'twilio',
		direction: inbound ? 'inbound' : 'outbound',
		account,
		externalId: resource.sid,
		timestamp: dateTextToIso(resource.date_sent) ?? dateTextToIso(resource.date_created) ?? nowIso(),
		from: { identities: inbound && customer?.phone ? [customer.phone] : [] },
		to: inbound ? {} : { identities: customer?.phone ? [customer.phone] : [] },
	};
	if (resource.body) event.text = resource.body;
	const status = twilioDeliveryStatus(resource.status);
	if (status) event.status = status;
	if (resource.error_code !== undefined && resource.error_code !== null) {
		event.error = { code: resource.error_code, message: twilioErrorMessage(String(resource.error_code), resource.error_message ?? undefined) };
	}
	if (includeRaw) event.raw = resource;
	return event;
}
