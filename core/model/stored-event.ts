import { z } from 'zod';
import { canonicalEventSchema, eventKey, type CanonicalEvent } from './event';

/**
 * The version of the event shape that history bodies are written in. 2: the account is
 * `account` and part of the key, consent events, e-mail `subject`, `author` and `category`
 * on what we send. Bodies without a version are version 1.
 */
export const STORED_EVENT_VERSION = 2;

type Body = Record<string, unknown>;

const isRecord = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A canonical event as the history stores it: without the provider's payload, with the version of its shape. */
export function storedEventBody({ raw: _raw, ...event }: CanonicalEvent): Body {
	return { schemaVersion: STORED_EVENT_VERSION, ...event };
}

/** Version 1 opt-outs: Twilio's carried `optin` or `optout` as action payload; WhatsApp's were marketing stops. */
function version1Consent(body: Body): CanonicalEvent['consent'] {
	const channel = body.channel as CanonicalEvent['channel'];
	if (body.provider === 'meta') return { channel, purpose: 'marketing', state: 'unsubscribed' };
	const payload = isRecord(body.action) ? body.action.payload : undefined;
	return { channel, purpose: 'all', state: payload === 'optin' ? 'subscribed' : 'unsubscribed' };
}

/**
 * A version 1 event in today's shape, as far as it can be told: the account moves from
 * `to.account` to `account`, and with it the id becomes the event key (the key under which
 * its redelivery is recognised, see store/graph-sql insertEvents); Telegram's events had no
 * account and keep their id. An `optout` becomes a `consent` event. E-mail subjects stay
 * glued to `text`: a body without a subject can't be told apart. It keeps `schemaVersion: 1`:
 * what version 1 did not record (author, category, subject) is unknown.
 */
export function fromVersion1(body: Body): Body {
	const { account, ...to } = isRecord(body.to) ? body.to : {};
	const event: Body = { schemaVersion: 1, ...body, to };
	if (typeof account === 'string' && account !== '' && event.account === undefined) {
		event.account = account;
		if (typeof body.channel === 'string' && typeof body.externalId === 'string') event.id = eventKey({ channel: body.channel, account, externalId: body.externalId });
	}
	if (body.type === 'optout') Object.assign(event, { type: 'consent', consent: version1Consent(body) });
	return event;
}

/** A stored body in today's event shape, whatever version it was written in (see fromVersion1). */
export function readStoredEvent(body: Body): Body {
	return body.schemaVersion === undefined ? fromVersion1(body) : body;
}

/**
 * The canonical event schema for events given to us (Customer Merge items, CLI input): an
 * event made before version 2 (it has no `account`) is read as fromVersion1 reads it, so that
 * items of executions started before an upgrade still resolve. Telegram's had no account at all and still fail.
 */
export const eventInputSchema = z.preprocess((value) => (isRecord(value) && !('account' in value) ? fromVersion1(value) : value), canonicalEventSchema);
