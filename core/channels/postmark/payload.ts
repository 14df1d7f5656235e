import { isRecord, parseJsonObject } from '../shared/json-body';

/** The parts of Postmark's inbound webhook that the adapter reads (https://postmarkapp.com/developer/webhooks/inbound-webhook). */
export interface PostmarkInbound {
	From?: string;
	FromName?: string;
	FromFull?: { Email?: string; Name?: string };
	To?: string;
	ToFull?: { Email?: string; Name?: string; MailboxHash?: string }[];
	OriginalRecipient?: string;
	Subject?: string;
	MessageID: string;
	Date?: string;
	TextBody?: string;
	HtmlBody?: string;
	StrippedTextReply?: string;
	MailboxHash?: string;
	Headers?: { Name: string; Value: string }[];
	Attachments?: { Name?: string; Content?: string; ContentType?: string; ContentLength?: number; ContentID?: string }[];
}

export const POSTMARK_EXPECTED = 'a Postmark inbound webhook (an object with MessageID, From or FromFull, and TextBody)';

/** Parses and checks an inbound webhook body; throws a clear error for anything else. */
export function parsePostmarkInbound(body: Buffer | string): PostmarkInbound {
	const json = parseJsonObject(body, 'Postmark', POSTMARK_EXPECTED);
	const hasSender = typeof json.From === 'string' || (isRecord(json.FromFull) && typeof json.FromFull.Email === 'string');
	if (typeof json.MessageID !== 'string' || json.MessageID === '' || !hasSender) {
		throw new Error(`Postmark: the body has no MessageID or no sender; expected ${POSTMARK_EXPECTED}`);
	}
	if (json.Attachments !== undefined && !Array.isArray(json.Attachments)) {
		throw new Error(`Postmark: Attachments is not a list; expected ${POSTMARK_EXPECTED}`);
	}
	return json as unknown as PostmarkInbound;
}

/** A header of the original email, by name, case-insensitively (Postmark keeps them as a list). */
export function postmarkHeader(inbound: PostmarkInbound, name: string): string | undefined {
	const wanted = name.toLowerCase();
	return inbound.Headers?.find((header) => header?.Name?.toLowerCase() === wanted)?.Value;
}
