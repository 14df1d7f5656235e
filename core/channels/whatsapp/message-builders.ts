import type { Attachment, CanonicalEvent } from '../../model';
import { withoutUndefined } from '../shared/without-undefined';

/**
 * The message part of a Cloud API send request (`type` and its object), built from what an
 * operations person fills in, checked against WhatsApp's documented limits before anything
 * is sent, with a summary of what the customer will see for the canonical outbound event.
 */

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Media types WhatsApp shows a caption for; audio and stickers have none. */
const CAPTIONED: ReadonlySet<MediaType> = new Set(['image', 'video', 'document']);

class MessageContentError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MessageContentError';
	}
}

export interface BuiltMessage {
	/** `type` and the matching object, e.g. `{ type: 'text', text: { body } }`. */
	payload: Record<string, unknown>;
	summary: Pick<CanonicalEvent, 'text' | 'attachments' | 'action'>;
}

function required(value: string | undefined, what: string): string {
	const text = (value ?? '').trim();
	if (!text) throw new MessageContentError(`${what} is empty`);
	return text;
}

function maxLength(value: string, limit: number, what: string): string {
	if ([...value].length > limit) throw new MessageContentError(`${what} is ${[...value].length} characters long; WhatsApp allows at most ${limit}`);
	return value;
}

function optional(value: string | undefined): string | undefined {
	const text = value?.trim();
	return text ? text : undefined;
}

export function textMessage(input: { text: string; previewUrl?: boolean }): BuiltMessage {
	const body = maxLength(required(input.text, 'The message text'), 4096, 'The message text');
	return { payload: { type: 'text', text: { preview_url: input.previewUrl === true, body } }, summary: { text: body } };
}

export interface MediaInput {
	type: MediaType;
	/** A public https link WhatsApp downloads the file from. */
	link?: string;
	/** The id of a file uploaded to WhatsApp (POST /<phone-number-id>/media). */
	mediaId?: string;
	caption?: string;
	filename?: string;
	mimeType?: string;
}

export function mediaMessage(input: MediaInput): BuiltMessage {
	if (!MEDIA_TYPES.includes(input.type)) throw new MessageContentError(`"${input.type}" is not a media type WhatsApp sends; use one of ${MEDIA_TYPES.join(', ')}`);
	const link = optional(input.link);
	const id = optional(input.mediaId);
	if (!link && !id) throw new MessageContentError('No media: give a link to the file or a file from the input item');
	if (link && !/^https?:\/\//i.test(link)) throw new MessageContentError(`"${link}" is not a web link: WhatsApp downloads media from an http(s) URL`);
	const caption = CAPTIONED.has(input.type) ? optional(input.caption) : undefined;
	if (caption) maxLength(caption, 1024, 'The caption');
	const filename = input.type === 'document' ? optional(input.filename) : undefined;
	const media = withoutUndefined({ ...(id ? { id } : { link }), caption, filename });
	const attachment: Attachment = withoutUndefined({ type: input.type, url: id ? undefined : link, mediaId: id, mimeType: optional(input.mimeType), caption, filename });
	return { payload: { type: input.type, [input.type]: media }, summary: withoutUndefined({ text: caption, attachments: [attachment] }) };
}

export interface TemplateInput {
	name: string;
	languageCode: string;
	/** Values for {{1}}, {{2}}... in order; `name` for templates with named parameters. */
	bodyParameters?: { text: string; name?: string }[];
	header?: { type: 'text'; text: string } | { type: 'image' | 'video' | 'document'; link: string; filename?: string };
	/** Values for the template's dynamic buttons, by their position in the template (0 = first). */
	buttons?: { subType: 'quick_reply' | 'url' | 'copy_code'; index: number; value: string }[];
}

function textParameter(value: { text: string; name?: string }): Record<string, unknown> {
	const name = optional(value.name);
	return withoutUndefined({ type: 'text', parameter_name: name, text: String(value.text ?? '') });
}

function headerComponent(header: NonNullable<TemplateInput['header']>): Record<string, unknown> {
	if (header.type === 'text') return { type: 'header', parameters: [{ type: 'text', text: required(header.text, 'The header text') }] };
	const link = required(header.link, 'The header media link');
	if (!/^https?:\/\//i.test(link)) throw new MessageContentError(`"${link}" is not a web link: WhatsApp downloads template header media from an http(s) URL`);
	const media = withoutUndefined({ link, filename: header.type === 'document' ? optional(header.filename) : undefined });
	return { type: 'header', parameters: [{ type: header.type, [header.type]: media }] };
}

function buttonComponent(button: NonNullable<TemplateInput['buttons']>[number]): Record<string, unknown> {
	const index = Number(button.index);
	if (!Number.isInteger(index) || index < 0 || index > 9) throw new MessageContentError(`Button position ${button.index} is not valid: use 0 for the template's first button, 1 for the second... (at most 9)`);
	const value = required(button.value, `The value of button ${index}`);
	const parameter =
		button.subType === 'quick_reply'
			? { type: 'payload', payload: value }
			: button.subType === 'copy_code'
				? { type: 'coupon_code', coupon_code: value }
				: { type: 'text', text: value };
	return { type: 'button', sub_type: button.subType, index: String(index), parameters: [parameter] };
}

export function templateMessage(input: TemplateInput): BuiltMessage {
	const name = required(input.name, 'The template name');
	const code = required(input.languageCode, 'The template language code');
	if (!/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(code)) throw new MessageContentError(`"${code}" is not a template language code: use the code shown in WhatsApp Manager, such as en_US, pt_BR or es`);
	const components: Record<string, unknown>[] = [];
	if (input.header) components.push(headerComponent(input.header));
	const body = input.bodyParameters ?? [];
	if (body.length) components.push({ type: 'body', parameters: body.map(textParameter) });
	for (const button of input.buttons ?? []) components.push(buttonComponent(button));
	const template = withoutUndefined({ name, language: { code }, components: components.length ? components : undefined });
	const attachments: Attachment[] | undefined =
		input.header && input.header.type !== 'text' ? [withoutUndefined({ type: input.header.type, url: input.header.link, filename: input.header.type === 'document' ? optional(input.header.filename) : undefined })] : undefined;
	return { payload: { type: 'template', template }, summary: withoutUndefined({ text: `template:${name}`, attachments }) };
}

interface InteractiveFrame {
	body: string;
	header?: string;
	footer?: string;
}

function frame(input: InteractiveFrame): Record<string, unknown> {
	const header = optional(input.header);
	const footer = optional(input.footer);
	return withoutUndefined({
		header: header ? { type: 'text', text: maxLength(header, 60, 'The header') } : undefined,
		body: { text: maxLength(required(input.body, 'The message text'), 1024, 'The message text') },
		footer: footer ? { text: maxLength(footer, 60, 'The footer') } : undefined,
	});
}

function uniqueIds(ids: string[], what: string): void {
	const seen = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) throw new MessageContentError(`Two ${what} have the ID "${id}": give each one its own ID, so you can tell the answers apart`);
		seen.add(id);
	}
}

export function replyButtonsMessage(input: InteractiveFrame & { buttons: { id?: string; title: string }[] }): BuiltMessage {
	const buttons = input.buttons ?? [];
	if (buttons.length < 1 || buttons.length > 3) throw new MessageContentError(`WhatsApp shows 1 to 3 reply buttons; got ${buttons.length}. For more choices, use the "Send List" operation`);
	const replies = buttons.map((button, index) => {
		const title = maxLength(required(button.title, `The title of button ${index + 1}`), 20, `The title of button ${index + 1}`);
		const id = maxLength(optional(button.id) ?? title, 256, `The ID of button ${index + 1}`);
		return { id, title };
	});
	uniqueIds(replies.map((reply) => reply.id), 'buttons');
	const interactive = { type: 'button', ...frame(input), action: { buttons: replies.map((reply) => ({ type: 'reply', reply })) } };
	return {
		payload: { type: 'interactive', interactive },
		summary: { text: input.body.trim(), action: { payload: replies.map((reply) => reply.id).join('|'), title: replies.map((reply) => reply.title).join(' | ') } },
	};
}

export interface ListRow {
	/** Rows with the same section title are shown together, in order of first appearance. */
	section?: string;
	id?: string;
	title: string;
	description?: string;
}

export function listMessage(input: InteractiveFrame & { buttonText: string; rows: ListRow[] }): BuiltMessage {
	const rows = input.rows ?? [];
	if (rows.length < 1 || rows.length > 10) throw new MessageContentError(`A WhatsApp list holds 1 to 10 rows in all; got ${rows.length}`);
	const button = maxLength(required(input.buttonText, 'The list button label'), 20, 'The list button label');
	const sections = new Map<string, Record<string, unknown>[]>();
	rows.forEach((row, index) => {
		const title = maxLength(required(row.title, `The title of row ${index + 1}`), 24, `The title of row ${index + 1}`);
		const id = maxLength(optional(row.id) ?? title, 200, `The ID of row ${index + 1}`);
		const description = optional(row.description);
		const section = optional(row.section) ?? '';
		if (section) maxLength(section, 24, `The section title "${section}"`);
		sections.set(section, [...(sections.get(section) ?? []), withoutUndefined({ id, title, description: description && maxLength(description, 72, `The description of row ${index + 1}`) })]);
	});
	if (sections.size > 1 && sections.has('')) throw new MessageContentError('When a list has several sections, every row needs a section title');
	uniqueIds([...sections.values()].flat().map((row) => String(row.id)), 'rows');
	const interactive = {
		type: 'list',
		...frame(input),
		action: { button, sections: [...sections.entries()].map(([title, sectionRows]) => withoutUndefined({ title: title || undefined, rows: sectionRows })) },
	};
	return { payload: { type: 'interactive', interactive }, summary: { text: input.body.trim(), action: { payload: 'list', title: button } } };
}
