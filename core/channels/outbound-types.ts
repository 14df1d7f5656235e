import type { HttpClient } from '../http/http-client';
import type { CanonicalEvent, Channel, Provider } from '../model';
import type { MessagingWindow } from './meta/send-api';
import type { RateLimit } from './rate-limit';
import type { SessionWindow } from './session-window';

/**
 * The outbound contract, beside the inbound one (./types): every route a message can leave
 * by declares what it can send, how it answers an inbound event, its session window and
 * its rate limits as data, and sends the same four kinds of message the same way. Each
 * route's senders wrap the provider's own proven sender (./<provider>/outbound).
 */

/** One provider account that sends: the routes a reply or a campaign can take. */
export type OutboundRoute = 'whatsappCloud' | 'evolution' | 'messenger' | 'instagram' | 'telegram' | 'twilio' | 'email';

const OUTBOUND_MEDIA_TYPES = ['image', 'video', 'audio', 'document'] as const;
export type OutboundMediaType = (typeof OUTBOUND_MEDIA_TYPES)[number];

/** Whom a message goes to, and from which of our accounts. */
export interface OutboundAddress {
	/** The customer as the route takes it: a phone or WhatsApp id, a scoped Messenger or Instagram id, a chat id, an e-mail address. */
	recipient: string;
	/** Our account to send from (phone number id, instance, number, From address); the connection's own when absent. Messenger, Instagram and Telegram send as their credential's one account. */
	account?: string;
	/** Two-letter country for phone numbers written without the country code. */
	defaultCountry?: string;
	/** Messenger and Instagram: the window the message relies on (see ./session-window). */
	window?: MessagingWindow;
	/** E-mail: the subject and the thread the message answers. */
	email?: { subject?: string; inReplyTo?: string; references?: string[] };
	/** Adds the provider's answer as `raw` to the event. */
	includeRaw?: boolean;
}

export interface OutboundText extends OutboundAddress {
	text: string;
}

export interface OutboundMedia extends OutboundAddress {
	mediaType: OutboundMediaType;
	/** A public link the provider downloads the file from. */
	url: string;
	caption?: string;
	/** The name a document is shown with. */
	filename?: string;
}

export interface OutboundTemplate extends OutboundAddress {
	/** The template's name (WhatsApp) or content SID (Twilio, HX…). */
	template: string;
	/** WhatsApp: the language of the template version, e.g. en_US. */
	language?: string;
	/** The values of the template's numbered variables, in order: the first fills {{1}}. */
	variables?: string[];
}

export interface OutboundButtons extends OutboundAddress {
	text: string;
	/** What the customer taps; the id comes back through the trigger as the action's payload. */
	buttons: { id: string; title: string }[];
}

/** Where and how to answer one event, on the channel and account it came from. */
export interface ReplyTarget {
	route: OutboundRoute;
	/** The customer as the route's sender takes it (see OutboundAddress). */
	recipient: string;
	/** Our account the event reached (phone number id, instance, number): the reply leaves from it. */
	account?: string;
	/** E-mail: the subject and threading that keep the reply in the customer's thread. */
	email?: { subject: string; inReplyTo?: string; references?: string[] };
}

/** What a route can send, so a caller knows before trying. */
export interface OutboundCapabilities {
	/** Undefined maxLength: the provider documents none. */
	text: { maxLength?: number; unit: 'characters' | 'bytes' };
	/** Media sent by link; empty when the route sends none. */
	media: readonly OutboundMediaType[];
	/** Whether media shows a caption under it. */
	mediaCaption: boolean;
	/** Approved templates, the way past a closed session window. */
	templates: boolean;
	/** Buttons (reply buttons, quick replies, inline keyboards) and how many one message carries (undefined: no documented limit); false when none. */
	buttons: { max?: number } | false;
}

/** What an HTTP route sends on: n8n's client signed by the credential, and where and as whom to send. */
export interface HttpConnection<Config> {
	http: HttpClient;
	config: Config;
}

/** How a route sends, on a connection its node builds from the route's credential. */
export interface OutboundSenders<Connection> {
	text(connection: Connection, message: OutboundText): Promise<CanonicalEvent>;
	media?(connection: Connection, message: OutboundMedia): Promise<CanonicalEvent>;
	template?(connection: Connection, message: OutboundTemplate): Promise<CanonicalEvent>;
	buttons?(connection: Connection, message: OutboundButtons): Promise<CanonicalEvent>;
}

/** One route: what it sends, whom it answers, when and how fast it may write. */
export interface OutboundDefinition<Connection = unknown> {
	route: OutboundRoute;
	/** The route's name for people, e.g. "WhatsApp (Cloud API)". */
	label: string;
	/** The inbound events this route answers: by provider, and by channel where a provider has several routes. */
	answers: ReadonlyArray<{ provider: Provider; channel?: Channel }>;
	capabilities: OutboundCapabilities;
	/** The session window of each channel the route sends on; a channel without one sends freely. */
	sessionWindows: Partial<Record<Channel, SessionWindow>>;
	rateLimits: readonly RateLimit[];
	/** Where and how to answer an event this route answers; throws a ReplyError saying why not. */
	replyTarget(event: CanonicalEvent): ReplyTarget;
	send: OutboundSenders<Connection>;
}
