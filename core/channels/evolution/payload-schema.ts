import { z } from 'zod';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { boundedList, idField, labelField, openObject, textField, timeField } from '../shared/payload-fields';

/**
 * The shape of an Evolution API v2 message webhook (`messages.upsert`, `send.message`,
 * `messages.update`) as far as the adapter reads it: the envelope, the message key and
 * Baileys' message object. Baileys writes null for absent fields, so null is accepted
 * wherever a field may be absent; every field read has its type checked, every list is
 * bounded, anything else passes.
 */

const jid = z.string().max(INBOUND_LIMITS.idLength);

const contextInfoSchema = openObject({ stanzaId: idField.nullish() });

const mediaSchema = openObject({
	url: labelField.nullish(),
	mimetype: labelField.nullish(),
	caption: textField.nullish(),
	fileName: labelField.nullish(),
	title: labelField.nullish(),
	contextInfo: contextInfoSchema.nullish(),
});

const placeSchema = openObject({
	degreesLatitude: z.number().nullish(),
	degreesLongitude: z.number().nullish(),
	name: labelField.nullish(),
	address: textField.nullish(),
});

/** Disappearing, view-once and captioned-document messages wrap the real message; nesting is bounded by the body's depth limit. */
const wrapperSchema = openObject({ message: z.lazy(() => baileysMessageSchema).nullish() });

const baileysMessageSchema: z.ZodTypeAny = openObject({
	conversation: textField.nullish(),
	extendedTextMessage: openObject({ text: textField.nullish(), contextInfo: contextInfoSchema.nullish() }).nullish(),
	imageMessage: mediaSchema.nullish(),
	videoMessage: mediaSchema.nullish(),
	ptvMessage: mediaSchema.nullish(),
	audioMessage: mediaSchema.nullish(),
	documentMessage: mediaSchema.nullish(),
	stickerMessage: mediaSchema.nullish(),
	mediaUrl: labelField.nullish(),
	buttonsResponseMessage: openObject({ selectedButtonId: textField.nullish(), selectedDisplayText: textField.nullish() }).nullish(),
	listResponseMessage: openObject({ title: textField.nullish(), singleSelectReply: openObject({ selectedRowId: textField.nullish() }).nullish() }).nullish(),
	templateButtonReplyMessage: openObject({ selectedId: textField.nullish(), selectedDisplayText: textField.nullish() }).nullish(),
	interactiveResponseMessage: openObject({
		body: openObject({ text: textField.nullish() }).nullish(),
		nativeFlowResponseMessage: openObject({ paramsJson: textField.nullish() }).nullish(),
	}).nullish(),
	locationMessage: placeSchema.nullish(),
	liveLocationMessage: placeSchema.nullish(),
	contactMessage: openObject({ vcard: textField.nullish(), displayName: labelField.nullish() }).nullish(),
	ephemeralMessage: wrapperSchema.nullish(),
	viewOnceMessage: wrapperSchema.nullish(),
	viewOnceMessageV2: wrapperSchema.nullish(),
	viewOnceMessageV2Extension: wrapperSchema.nullish(),
	documentWithCaptionMessage: wrapperSchema.nullish(),
});

const keySchema = openObject({
	id: idField.nullish(),
	remoteJid: jid.nullish(),
	remoteJidAlt: jid.nullish(),
	participant: jid.nullish(),
	participantAlt: jid.nullish(),
	fromMe: z.boolean().nullish(),
});

/** A protobuf Long, as Baileys serializes 64-bit times. */
const longSchema = openObject({ low: z.number(), high: z.number().nullish() });

const statusField = z.union([z.number(), labelField]);

/** One item of `data`: a message (upsert, send) or a status update; both shapes share the key fields. */
const itemSchema = openObject({
	key: keySchema.nullish(),
	pushName: labelField.nullish(),
	messageTimestamp: z.union([timeField, longSchema]).nullish(),
	message: baileysMessageSchema.nullish(),
	contextInfo: contextInfoSchema.nullish(),
	keyId: idField.nullish(),
	remoteJid: jid.nullish(),
	remoteJidAlt: jid.nullish(),
	fromMe: z.boolean().nullish(),
	status: statusField.nullish(),
	update: openObject({ status: statusField.nullish() }).nullish(),
});

/** The envelope of a message or status webhook: `data` is one item or a list of them. */
export const evolutionMessageWebhookSchema = openObject({
	event: labelField,
	instance: idField.nullish(),
	data: z.union([itemSchema, boundedList(itemSchema, INBOUND_LIMITS.evolution.batchItems)]),
});
