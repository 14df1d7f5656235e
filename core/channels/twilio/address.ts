import type { Channel, Identity } from '../../model';
import { normalizePhone } from '../../identity/phone';

/** A Twilio address (`+15555550123`, `whatsapp:+15555550123`) read as a channel and a phone identity. */
export interface TwilioAddress {
	channel: Extract<Channel, 'sms' | 'whatsapp'>;
	/** The address without its channel prefix, E.164 when it is a phone number. */
	value: string;
	phone?: Identity;
}

/** Reads a From/To value; an alphanumeric sender id or a client name gives no phone identity. */
export function twilioAddress(raw: string | undefined): TwilioAddress | undefined {
	const text = (raw ?? '').trim();
	if (text === '') return undefined;
	const prefixed = /^([a-z]+):(.*)$/i.exec(text);
	const channel = prefixed?.[1].toLowerCase() === 'whatsapp' ? 'whatsapp' : 'sms';
	const rest = prefixed ? prefixed[2].trim() : text;
	const phone = /^\+?\d[\d\s().-]{5,}$/.test(rest) ? normalizePhone(rest.startsWith('+') ? rest : `+${rest}`) : undefined;
	if (phone?.ok) return { channel, value: phone.value, phone: { kind: 'phone', value: phone.value } };
	return { channel, value: rest };
}

/** A message is on WhatsApp when either side's address is a `whatsapp:` one, else SMS. */
export function twilioChannel(from: TwilioAddress | undefined, to: TwilioAddress | undefined): TwilioAddress['channel'] {
	return from?.channel === 'whatsapp' || to?.channel === 'whatsapp' ? 'whatsapp' : 'sms';
}
