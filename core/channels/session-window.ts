/**
 * How long after a customer's last message a channel lets a business write to them, and
 * what it takes after that. A route without a window (SMS, e-mail, Telegram, WhatsApp Web
 * through Evolution) sends whenever it likes.
 */
export interface SessionWindow {
	/** Any message may be sent for this long after the customer's last message (milliseconds). */
	freeForMs: number;
	/** What lets a message out once the free window has closed, tried in order. */
	afterwards: readonly WindowExtension[];
}

/**
 * After the free window: an approved template (WhatsApp, any time), or a message tag such
 * as HUMAN_AGENT for a person answering, up to `untilMs` after the customer's last message.
 */
export type WindowExtension = { needs: 'template' } | { needs: 'tag'; tag: 'HUMAN_AGENT'; untilMs: number };

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** WhatsApp's customer service window: 24 hours of free-form messages, then approved templates only. */
export const WHATSAPP_CUSTOMER_SERVICE_WINDOW: SessionWindow = { freeForMs: 24 * HOUR, afterwards: [{ needs: 'template' }] };

/** Messenger's and Instagram's standard messaging window: 24 hours, then 7 days for a person answering with the HUMAN_AGENT tag. */
export const META_MESSAGING_WINDOW: SessionWindow = { freeForMs: 24 * HOUR, afterwards: [{ needs: 'tag', tag: 'HUMAN_AGENT', untilMs: 7 * DAY }] };

/** What may be sent at a given moment. */
export type SendAllowance =
	/** Anything; `untilMs` is when the free window closes (absent on a channel without a window). */
	| { allowed: 'free'; untilMs?: number }
	/** Only an approved message template. */
	| { allowed: 'template' }
	/** Only a message with this tag, until `untilMs`. */
	| { allowed: 'tag'; tag: 'HUMAN_AGENT'; untilMs: number }
	/** Nothing until the customer writes again; `reason` says so in plain words. */
	| { allowed: 'nothing'; reason: string };

type Moment = number | string | Date;

function millis(moment: Moment): number {
	const value = moment instanceof Date ? moment.getTime() : typeof moment === 'string' ? Date.parse(moment) : moment;
	if (!Number.isFinite(value)) throw new Error(`"${String(moment)}" is not a point in time`);
	return value;
}

/**
 * What may be sent at `at` to a customer whose last message arrived at `lastInboundAt`
 * (undefined: they never wrote). The window is open until, not at, its end: at exactly
 * 24 hours only what needs no window goes out. A last message in the future (clocks
 * apart) counts as just now.
 */
export function sendAllowance(window: SessionWindow | undefined, lastInboundAt: Moment | undefined, at: Moment): SendAllowance {
	if (!window) return { allowed: 'free' };
	const now = millis(at);
	const since = lastInboundAt === undefined ? undefined : Math.min(millis(lastInboundAt), now);
	const elapsed = since === undefined ? Infinity : now - since;
	if (since !== undefined && elapsed < window.freeForMs) return { allowed: 'free', untilMs: since + window.freeForMs };
	for (const extension of window.afterwards) {
		if (extension.needs === 'template') return { allowed: 'template' };
		if (since !== undefined && elapsed < extension.untilMs) return { allowed: 'tag', tag: extension.tag, untilMs: since + extension.untilMs };
	}
	return {
		allowed: 'nothing',
		reason: since === undefined ? 'The customer has never written: this channel only lets a business answer' : 'The customer last wrote too long ago: nothing can be sent until they write again',
	};
}
