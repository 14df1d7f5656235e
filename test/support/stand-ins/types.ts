/**
 * What every provider stand-in shares: the record of a request it answered, and the shape
 * of a route (a function that answers the requests of its provider and leaves the others).
 */
import { randomBytes } from 'node:crypto';
import type { RecordedRequest } from '../local-server';

/** Differs from one start of the stand-ins to the next, so ids they hand out never repeat across restarts (the store remembers them). */
const RUN = randomBytes(4).toString('hex');
const RUN_SECOND = Math.floor(Date.now() / 1000);

/** The provider API a request was meant for. */
export type StandInApi = 'whatsapp-cloud' | 'meta-send' | 'telegram' | 'twilio' | 'evolution' | 'hubspot' | 'smtp';

export interface StandInRecord {
	/** Increasing from 1 across every API, in the order the requests arrived. */
	seq: number;
	at: string;
	api: StandInApi;
	method: string;
	path: string;
	status: number;
	/** The body as the API reads it: JSON, form fields, or (SMTP) the message's headers and text. */
	body: unknown;
	/** Who the message went to and what it said, when the request sent one. */
	to?: string;
	from?: string;
	text?: string;
}

export interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

/** What a route makes of a request it recognises; `send` is set when the request sent a message. */
export interface Handled {
	api: StandInApi;
	answer: Answer;
	body?: unknown;
	send?: { to?: string; from?: string; text?: string };
}

export type Route = (request: RecordedRequest, seq: number) => Handled | undefined;

/** A bearer token from an Authorization header, or undefined. */
export function bearerToken(request: RecordedRequest): string | undefined {
	return /^Bearer\s+(.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
}

/** User and password of a Basic Authorization header, or undefined. */
export function basicAuth(request: RecordedRequest): { user: string; password: string } | undefined {
	const encoded = /^Basic\s+(.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
	if (!encoded) return undefined;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A hex id of `length` (at least 12) characters, unique to this start and growing with `seq`, e.g. for message ids. */
export function sequenceId(seq: number, length: number): string {
	return RUN + seq.toString(16).padStart(length - RUN.length, '0');
}

/** A numeric id unique to this start and growing with `seq` (e.g. Telegram's message_id). */
export function sequenceNumber(seq: number): number {
	return RUN_SECOND * 1000 + seq;
}
