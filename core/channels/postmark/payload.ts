import { z } from 'zod';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { isRecord, parseJsonObject } from '../shared/json-body';
import { boundedList, emailTextField, labelField, openObject, textField } from '../shared/payload-fields';
import { PayloadError } from '../shared/payload-error';
import { checkPayload } from '../shared/payload-schema';

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
	Headers?: { Name?: string; Value?: string }[];
	Attachments?: { Name?: string; Content?: string; ContentType?: string; ContentLength?: number; ContentID?: string }[];
}

const POSTMARK_EXPECTED = 'a Postmark inbound webhook (an object with MessageID, From or FromFull, and TextBody)';

const { attachments, headers, recipients } = INBOUND_LIMITS.postmark;

const addressSchema = openObject({ Email: z.string().max(INBOUND_LIMITS.idLength).optional(), Name: labelField.optional(), MailboxHash: labelField.optional() });

/** Postmark writes every field of the email as a string ("" when empty) and the lists as lists. */
export const postmarkInboundSchema: z.ZodType<PostmarkInbound, z.ZodTypeDef, unknown> = openObject({
	From: textField.optional(),
	FromName: labelField.optional(),
	FromFull: addressSchema.optional(),
	To: emailTextField.optional(),
	ToFull: boundedList(addressSchema, recipients).optional(),
	OriginalRecipient: z.string().max(INBOUND_LIMITS.idLength).optional(),
	Subject: textField.optional(),
	MessageID: z.string().max(INBOUND_LIMITS.idLength),
	Date: labelField.optional(),
	TextBody: emailTextField.optional(),
	HtmlBody: emailTextField.optional(),
	StrippedTextReply: emailTextField.optional(),
	MailboxHash: labelField.optional(),
	Headers: boundedList(openObject({ Name: labelField.optional(), Value: textField.optional() }), headers).optional(),
	Attachments: boundedList(
		openObject({ Name: labelField.optional(), Content: z.string().optional(), ContentType: labelField.optional(), ContentLength: z.number().optional(), ContentID: labelField.optional() }),
		attachments,
	).optional(),
});

/** Parses and checks an inbound webhook body; throws a PayloadError for anything else. */
export function parsePostmarkInbound(body: Buffer | string): PostmarkInbound {
	const json = parseJsonObject(body, 'Postmark', POSTMARK_EXPECTED, INBOUND_LIMITS.postmark.bodyBytes);
	const hasSender = typeof json.From === 'string' || (isRecord(json.FromFull) && typeof json.FromFull.Email === 'string');
	if (typeof json.MessageID !== 'string' || json.MessageID === '' || !hasSender) {
		throw new PayloadError('Postmark', `the body has no MessageID or no sender; expected ${POSTMARK_EXPECTED}`);
	}
	checkPayload(postmarkInboundSchema, json, 'Postmark');
	return json;
}

/** A header of the original email, by name, case-insensitively (Postmark keeps them as a list). */
export function postmarkHeader(inbound: PostmarkInbound, name: string): string | undefined {
	const wanted = name.toLowerCase();
	return inbound.Headers?.find((header) => header.Name?.toLowerCase() === wanted)?.Value;
}
