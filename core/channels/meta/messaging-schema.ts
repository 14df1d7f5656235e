import { z } from 'zod';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { boundedList, idField, labelField, lenientObjectList, openObject, textField, timeField } from '../shared/payload-fields';

/**
 * The documented shape of a Messenger or Instagram messaging webhook entry, as far as the
 * parser reads it (https://developers.facebook.com/docs/messenger-platform/webhooks): every
 * field it reads has its type checked, every list is bounded, anything else passes
 * (comments and other `changes` included). Lists keep the old leniency (not a list: none;
 * an item that is not an object: skipped).
 */

const { batchItems, attachments } = INBOUND_LIMITS.meta;

const party = openObject({ id: idField.nullish() });

const attachmentSchema = openObject({
	type: labelField.nullish(),
	title: textField.nullish(),
	payload: openObject({
		url: labelField.nullish(),
		title: textField.nullish(),
		coordinates: openObject({ lat: z.number().nullish(), long: z.number().nullish() }).nullish(),
	}).nullish(),
});

const messageSchema = openObject({
	mid: idField.nullish(),
	text: textField.nullish(),
	is_echo: z.boolean().nullish(),
	is_deleted: z.boolean().nullish(),
	is_unsupported: z.boolean().nullish(),
	attachments: lenientObjectList(attachmentSchema, attachments),
	quick_reply: openObject({ payload: textField.nullish() }).nullish(),
	reply_to: openObject({ mid: idField.nullish(), story: openObject({ id: idField.nullish() }).nullish() }).nullish(),
});

const receiptSchema = openObject({
	mids: boundedList(idField.nullish(), batchItems).nullish(),
	mid: idField.nullish(),
	watermark: timeField.nullish(),
});

const itemSchema = openObject({
	sender: party.nullish(),
	recipient: party.nullish(),
	timestamp: timeField.nullish(),
	message: messageSchema.nullish(),
	postback: openObject({ title: textField.nullish(), payload: textField.nullish(), mid: idField.nullish() }).nullish(),
	reaction: openObject({ mid: idField.nullish(), action: labelField.nullish(), emoji: labelField.nullish(), reaction: labelField.nullish() }).nullish(),
	delivery: receiptSchema.nullish(),
	read: receiptSchema.nullish(),
	seen: receiptSchema.nullish(),
});

export const messagingEntrySchema: z.ZodTypeAny = openObject({
	id: idField.nullish(),
	time: timeField.nullish(),
	messaging: lenientObjectList(itemSchema, batchItems),
});
