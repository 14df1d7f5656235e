import type { SentContent } from './send-api';

/**
 * The `message` object of a Send API request, built from what a person typed, with the
 * limits Meta documents checked up front so the error says which field to fix.
 */

export interface QuickReplyOption {
	/** The button's label (Meta shows up to 20 characters). */
	title: string;
	/** What the trigger receives when the customer taps it; the title when empty. */
	payload?: string;
}

export interface BuiltMessage {
	message: Record<string, unknown>;
	content: SentContent;
}

export const MAX_QUICK_REPLIES = 13;
const MAX_PAYLOAD = 1000;

/** How long a text may be: Messenger counts characters, Instagram counts UTF-8 bytes. */
export interface TextLimit {
	max: number;
	unit: 'characters' | 'bytes';
}

function requireText(value: unknown, label: string, limit: TextLimit): string {
	const body = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	if (!body.trim()) throw new Error(`The message text is empty: ${label} needs some text to send`);
	const length = limit.unit === 'bytes' ? Buffer.byteLength(body, 'utf8') : [...body].length;
	if (length > limit.max) {
		throw new Error(`The message text is ${length} ${limit.unit} long; ${label} accepts at most ${limit.max}. Shorten it or split it into several messages.`);
	}
	return body;
}

export function textMessage(value: unknown, label: string, limit: TextLimit): BuiltMessage {
	const body = requireText(value, label, limit);
	return { message: { text: body }, content: { text: body } };
}

export function mediaMessage(type: string, url: unknown, allowedTypes: readonly string[], label: string, reusable = false): BuiltMessage {
	if (!allowedTypes.includes(type)) throw new Error(`${label} can't send "${type}" media: choose one of ${allowedTypes.join(', ')}`);
	const link = typeof url === 'string' ? url.trim() : '';
	let parsed: URL | undefined;
	try {
		parsed = new URL(link);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol)) {
		throw new Error(`"${link}" is not a media URL: give a public http(s) address that points straight at the file`);
	}
	return {
		message: { attachment: { type, payload: { url: link, ...(reusable ? { is_reusable: true } : {}) } } },
		content: { attachments: [{ type, url: link }] },
	};
}

export function quickRepliesMessage(value: unknown, options: QuickReplyOption[], label: string, limit: TextLimit): BuiltMessage {
	const body = requireText(value, label, limit);
	const replies = options.filter((option) => String(option.title ?? '').trim() !== '' || String(option.payload ?? '').trim() !== '');
	if (replies.length === 0) throw new Error('No quick replies: add at least one option with a title');
	if (replies.length > MAX_QUICK_REPLIES) {
		throw new Error(`${replies.length} quick replies given; ${label} shows at most ${MAX_QUICK_REPLIES}. Remove some options.`);
	}
	const quickReplies = replies.map((option, index) => {
		const title = String(option.title ?? '').trim();
		if (!title) throw new Error(`Quick reply ${index + 1} has no title: the customer needs a label to tap`);
		const payload = String(option.payload ?? '').trim() || title;
		if (payload.length > MAX_PAYLOAD) throw new Error(`The payload of quick reply "${title}" is longer than ${MAX_PAYLOAD} characters`);
		return { content_type: 'text', title, payload };
	});
	return { message: { text: body, quick_replies: quickReplies }, content: { text: body } };
}
