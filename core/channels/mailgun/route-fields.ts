import { z } from 'zod';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { parseBoundedJson } from '../shared/json-body';
import { boundedList, formFields, labelField, openObject, textField } from '../shared/payload-fields';
import { checkPayload } from '../shared/payload-schema';

type Fields = Record<string, string>;

const PROVIDER = 'Mailgun';
const { fields: maxFields, headers: maxHeaders, attachments: maxAttachments } = INBOUND_LIMITS.mailgun;

/**
 * The fields of a route forward() post (https://documentation.mailgun.com/docs/mailgun/user-manual/receive-forward-store/):
 * text everywhere, bounded in number and length; the two fields that hold JSON are read
 * here, once, with their nesting bounded too.
 */
export const routeFormSchema = formFields(
	{
		from: textField.optional(),
		sender: textField.optional(),
		recipient: textField.optional(),
		subject: textField.optional(),
		timestamp: labelField.optional(),
		token: labelField.optional(),
		signature: labelField.optional(),
		attachments: textField.optional(),
	},
	maxFields,
	INBOUND_LIMITS.emailTextLength,
);

/** message-headers: every MIME header of the email as [name, value]. */
const headerListSchema = boundedList(z.tuple([labelField, textField]).rest(z.unknown()), maxHeaders);

/** attachments, in store() notifications: the stored files with their download URLs. */
const storedListSchema = boundedList(
	openObject({ url: labelField.optional(), 'content-type': labelField.optional(), name: labelField.optional(), size: z.number().optional() }),
	maxAttachments,
);

export type StoredAttachment = z.infer<typeof storedListSchema>[number];

/** A route post, checked: its fields, and its JSON fields decoded. */
export interface RouteFields {
	fields: Fields;
	/** message-headers, in order; empty when the post has none. */
	headers: [string, string][];
	/** The store() notification's attachments; empty for forward() posts. */
	stored: StoredAttachment[];
}

function jsonField<Schema extends z.ZodTypeAny>(fields: Fields, name: string, schema: Schema): z.output<Schema> | undefined {
	const text = fields[name];
	if (text === undefined || text.trim() === '') return undefined;
	const value = parseBoundedJson(text, PROVIDER, (reason) => `${name} is not JSON (${reason})`, name);
	checkPayload<z.output<Schema>>(schema, value, PROVIDER, name);
	return value;
}

/** Checks the fields of a route post, from an urlencoded body or a multipart one; a PayloadError says what is wrong. */
export function readRouteFields(fields: Fields): RouteFields {
	checkPayload(routeFormSchema, fields, PROVIDER);
	const headers = (jsonField(fields, 'message-headers', headerListSchema) ?? []).map(([name, value]): [string, string] => [name, value]);
	return { fields, headers, stored: jsonField(fields, 'attachments', storedListSchema) ?? [] };
}
