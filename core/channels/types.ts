import type { CanonicalEvent } from '../model';

/**
 * Conventions every inbound adapter follows, so that history, dedupe and routing work the
 * same on every channel (the event's shape is canonicalEventSchema, core/model/event.ts):
 * - One canonical event per message, status, action, call or consent change in the payload
 *   (Meta batches several per webhook).
 * - `account` is our side on the provider, always set: the bot id (Telegram), the Page or
 *   Instagram account id, the phone number id (WhatsApp Cloud API), the instance (Evolution),
 *   our Twilio number (or Messaging Service, else the Twilio account), the inbox address
 *   (e-mail). A body that does not say it is refused with a PayloadError; Telegram's never
 *   say it, so the caller gives it in `ParseOptions.account`.
 * - `externalId` is the provider's id of the message or call. A status event uses
 *   `<message id>:<status>` so each status change is recorded once, and puts the message id
 *   in `thread.messageId`.
 * - `id` is deterministic: the event key, `<channel>:<account>:<externalId>` (eventKey), so a
 *   redelivered webhook yields the same id, and two of our accounts never share one.
 * - The customer's identities are in `from` for inbound events and in `to` for outbound
 *   ones (our own echoes, statuses of messages we sent). Phones are E.164 (see
 *   core/identity/phone); scoped ids keep their scope ("<pageId>:<psid>").
 * - A `consent` event carries `consent` (channel, purpose, state), only where the provider
 *   defines the opt-out (Twilio's STOP and START keywords, WhatsApp's marketing preference);
 *   a request for help stays a message. E-mail events carry `subject`, and `text` is the new
 *   part of the body alone.
 * - Outbound messages we sent have `author` and `category` (see ../outbound-event.ts);
 *   echoes have an author only when the provider says who wrote them.
 * - `raw` (the provider's payload for that event) only when `includeRaw` is set.
 */
export interface ParseOptions {
	includeRaw?: boolean;
	/** Our own messages echoed back by the provider are skipped unless asked for. */
	includeEchoes?: boolean;
	/** Our account, for providers whose bodies never say it: Telegram's bot id (the part of its token before the colon). */
	account?: string;
}

export type VerifyResult = { valid: true } | { valid: false; reason: string };

export interface VerifyInput {
	/** The request body exactly as received: signatures are computed over these bytes. */
	body: Buffer;
	/** The header value that carries the proof (signature, secret token, Authorization); absent for Mailgun, whose signature is in the body. */
	signature?: string;
	secret: string;
	/** The full public URL the provider called (Twilio signs it). */
	url?: string;
	/** Unix seconds; the clock for replay windows (Mailgun). Defaults to now. */
	now?: number;
}

/** An inbound adapter: turns one webhook body into canonical events and checks who sent it. */
export interface InboundAdapter {
	/** The name the CLI and the Reply node use. */
	name: string;
	bodyFormat: 'json' | 'form';
	/** The request header that carries the proof checked by `verify`, lower-cased. */
	signatureHeader?: string;
	/** For providers whose bodies never name our account: what to give as `ParseOptions.account`, which parse then requires. */
	accountToGive?: string;
	parse(body: Buffer | string, options?: ParseOptions): CanonicalEvent[];
	verify(input: VerifyInput): VerifyResult;
}
