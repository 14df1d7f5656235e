import { z } from 'zod';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { idField, labelField, lenientObjectList, openObject, textField, timeField } from '../shared/payload-fields';

/**
 * The documented shape of a WhatsApp Cloud API webhook entry, as far as the adapter reads
 * it (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components): every
 * field it reads has its type checked, every list is bounded, anything else passes.
 * Lists keep the old leniency (not a list: none; an item that is not an object: skipped).
 */

const { batchItems, cards, cardDetails } = INBOUND_LIMITS.meta;

const list = <Item extends z.ZodTypeAny>(item: Item, max: number = batchItems) => lenientObjectList(item, max);

const errorSchema = openObject({
	code: idField.nullish(),
	title: textField.nullish(),
	message: textField.nullish(),
	error_data: openObject({ details: textField.nullish() }).nullish(),
});

const mediaSchema = openObject({
	id: idField.nullish(),
	mime_type: labelField.nullish(),
	caption: textField.nullish(),
	filename: labelField.nullish(),
});

const coordinate = z.union([z.number(), labelField]);

const contactCardSchema = openObject({
	name: openObject({ formatted_name: labelField.nullish(), first_name: labelField.nullish(), last_name: labelField.nullish() }).nullish(),
	phones: list(openObject({ phone: idField.nullish(), wa_id: idField.nullish() }), cardDetails),
	emails: list(openObject({ email: idField.nullish() }), cardDetails),
});

const replySchema = openObject({ id: textField.nullish(), title: textField.nullish() });

const messageSchema = openObject({
	id: idField.nullish(),
	from: idField.nullish(),
	from_user_id: idField.nullish(),
	to: idField.nullish(),
	to_user_id: idField.nullish(),
	timestamp: timeField.nullish(),
	type: labelField.nullish(),
	text: openObject({ body: textField.nullish() }).nullish(),
	image: mediaSchema.nullish(),
	audio: mediaSchema.nullish(),
	video: mediaSchema.nullish(),
	document: mediaSchema.nullish(),
	sticker: mediaSchema.nullish(),
	location: openObject({ latitude: coordinate.nullish(), longitude: coordinate.nullish(), name: labelField.nullish(), address: textField.nullish(), url: labelField.nullish() }).nullish(),
	contacts: list(contactCardSchema, cards),
	interactive: openObject({
		type: labelField.nullish(),
		button_reply: replySchema.nullish(),
		list_reply: replySchema.nullish(),
		nfm_reply: openObject({ response_json: textField.nullish(), body: textField.nullish(), name: labelField.nullish() }).nullish(),
	}).nullish(),
	button: openObject({ text: textField.nullish(), payload: textField.nullish() }).nullish(),
	reaction: openObject({ emoji: labelField.nullish(), message_id: idField.nullish() }).nullish(),
	context: openObject({ id: idField.nullish() }).nullish(),
	errors: list(errorSchema, cards),
});

const statusSchema = openObject({
	id: idField.nullish(),
	status: labelField.nullish(),
	timestamp: timeField.nullish(),
	recipient_id: idField.nullish(),
	recipient_user_id: idField.nullish(),
	errors: list(errorSchema, cards),
});

const contactSchema = openObject({
	wa_id: idField.nullish(),
	user_id: idField.nullish(),
	profile: openObject({ name: labelField.nullish(), username: labelField.nullish() }).nullish(),
});

const preferenceSchema = openObject({
	wa_id: idField.nullish(),
	user_id: idField.nullish(),
	value: labelField.nullish(),
	category: labelField.nullish(),
	detail: textField.nullish(),
	timestamp: timeField.nullish(),
});

const valueSchema = openObject({
	metadata: openObject({ phone_number_id: idField.nullish(), display_phone_number: idField.nullish() }).nullish(),
	contacts: list(contactSchema),
	messages: list(messageSchema),
	statuses: list(statusSchema),
	user_preferences: list(preferenceSchema),
	message_echoes: list(messageSchema),
});

const changeSchema = openObject({ field: labelField.nullish(), value: valueSchema.nullish() });

export const whatsappEntrySchema: z.ZodTypeAny = openObject({ id: idField.nullish(), changes: list(changeSchema) });
