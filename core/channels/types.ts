import type { CanonicalEvent } from '../model';

/**
 * Conventions every inbound adapter follows, so that history, dedupe and routing work the
 * same on every channel:
 * - One canonical event per message, status, action, call or opt-out in the payload
 *   (Meta batches several per webhook).
 * - `externalId` is the provider's id of the message or call. A status event uses
 *   `<message id>:<status>` so each status change is recorded once, and puts the message id
 *   in `thread.messageId`.
 * - `id` is deterministic: `<channel>:<externalId>`, so a redelivered webhook yields the same id.
 * - The customer's identities are in `from` for inbound events and in `to` for outbound
 *   ones (our own echoes, statuses of messages we sent). Phones are E.164 (see
 *   core/identity/phone); scoped ids keep their scope ("<pageId>:<psid>").
 * - `raw` (the provider's payload for that event) only when `includeRaw` is set.
 */
export interface ParseOptions {
	includeRaw?: boolean;
	/** Our own messages echoed back by the provider are skipped unless asked for. */
	includeEchoes?: boolean;
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
	parse(body: Buffer | string, options?: ParseOptions): CanonicalEvent[];
	verify(input: VerifyInput): VerifyResult;
}
