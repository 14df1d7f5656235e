/**
 * Every bound on what an inbound webhook body may contain, in one place. Each is set well
 * above what the provider documents, so that only a broken or hostile body reaches one;
 * past a bound, parsing stops with a PayloadError that names the field and the limit.
 */

const MiB = 1024 * 1024;

export const INBOUND_LIMITS = {
	/** Nesting of objects and lists, in a JSON body or a JSON form field; the deepest real payloads (Evolution's wrapped and quoted messages) stay under 20. */
	jsonDepth: 64,

	/** Characters of an id, a phone number, an address or a JID (provider ids are under 100; an RFC 5322 header line under 1,000). */
	idLength: 2_048,
	/** Characters of a name, a title, a type, a MIME type, a file name or a URL. */
	labelLength: 16_384,
	/** Characters of a message text, a caption or a button payload (WhatsApp allows 65,536 in a text, Telegram 4,096, an SMS 1,600). */
	textLength: 131_072,
	/** Characters of an email body, subject to the body's own limit too (Postmark and Mailgun take emails up to 35 and 25 MB). */
	emailTextLength: 32 * MiB,

	meta: {
		/** Meta's webhooks are documented up to 3 MB. */
		bodyBytes: 16 * MiB,
		/** entry[], changes[], messaging[], messages[], statuses[], contacts[], mids[]: Meta batches up to 1,000 updates. */
		batchItems: 10_000,
		/** Attachments of one Messenger or Instagram message (a handful in practice). */
		attachments: 100,
		/** Contact cards shared in one WhatsApp message, and errors attached to a message or status. */
		cards: 1_000,
		/** Phones or e-mails on one contact card. */
		cardDetails: 100,
	},
	telegram: {
		/** An update is a few kilobytes; a message text at most 4,096 characters. */
		bodyBytes: 4 * MiB,
		/** Sizes of one photo (Telegram sends three or four). */
		photoSizes: 100,
		/** Rows of an inline keyboard, and buttons in a row (Telegram allows 100 buttons in all). */
		keyboardRows: 100,
		keyboardButtons: 100,
	},
	evolution: {
		/** With "webhook base64" on, Evolution puts the media itself in the body (WhatsApp media up to 100 MB is rare; n8n's default payload limit is 16 MB). */
		bodyBytes: 128 * MiB,
		/** Messages in one `data` list. */
		batchItems: 10_000,
	},
	twilio: {
		/** A message or call webhook is a few kilobytes of form fields. */
		bodyBytes: 1 * MiB,
		/** Form fields in one post (an MMS with 10 media has about 50). */
		fields: 1_000,
		/** NumMedia: Twilio allows 10 media per MMS or WhatsApp message. */
		media: 100,
	},
	postmark: {
		/** Postmark accepts emails up to 35 MB, attachments included (base64 in the JSON). */
		bodyBytes: 64 * MiB,
		attachments: 1_000,
		/** Headers of one email (Received lines add up, rarely past a hundred). */
		headers: 1_000,
		/** Addresses in ToFull, CcFull or BccFull. */
		recipients: 10_000,
	},
	mailgun: {
		/** A route post without attachments (those come as multipart); Mailgun takes emails up to 25 MB. */
		bodyBytes: 64 * MiB,
		fields: 1_000,
		/** Entries of message-headers and of attachments (JSON form fields). */
		headers: 1_000,
		attachments: 1_000,
	},
} as const;
