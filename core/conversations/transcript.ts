import { DateTime } from 'luxon';
import type { Channel, HistoryEntry } from '../model';
import { CONVERSATION_EVENT_TYPES } from './counters';

/**
 * The conversation as a person or an AI agent reads it before answering: one line per message,
 * oldest first, "[2026-11-30 14:02 WhatsApp] Customer: where is my order?". An e-mail's subject
 * shows on the first line of its thread in the transcript ("Re:" and "Fwd:" don't start a new one).
 */

export const CHANNEL_NAMES: Record<Channel, string> = {
	whatsapp: 'WhatsApp',
	messenger: 'Messenger',
	instagram: 'Instagram',
	telegram: 'Telegram',
	sms: 'SMS',
	voice: 'Call',
	email: 'Email',
	webchat: 'Web chat',
};

/** Longer messages are cut: the transcript is a summary to read, the history has them whole. */
const MAX_TEXT = 1000;

interface Author {
	type?: string;
	id?: string;
	name?: string;
}

function speaker(entry: HistoryEntry): string {
	if (entry.direction === 'inbound') return 'Customer';
	const author = (entry.event.author ?? {}) as Author;
	if (author.type === 'agent') return author.name || author.id ? `Agent (${author.name ?? author.id})` : 'Agent';
	if (author.type === 'bot') return 'Bot';
	if (author.type === 'automation') return 'Automation';
	return 'Team';
}

function content(entry: HistoryEntry): string {
	const event = entry.event as { attachments?: { type: string; filename?: string; caption?: string }[]; action?: { payload: string; title?: string } };
	const parts: string[] = [];
	if (entry.text) parts.push(entry.text);
	for (const attachment of event.attachments ?? []) parts.push(`[${attachment.type}${attachment.filename ? `: ${attachment.filename}` : ''}]${attachment.caption ? ` ${attachment.caption}` : ''}`);
	if (event.action) parts.push(`[chose "${event.action.title ?? event.action.payload}"]`);
	if (!parts.length && entry.type === 'call') parts.push('[call]');
	const text = parts.join(' ').replace(/\s*\n\s*/g, ' / ').trim();
	return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

const threadOf = (subject: string) => subject.replace(/^(\s*(re|fwd?|aw|sv)\s*:\s*)+/i, '').trim().toLowerCase();

/** The last `limit` messages, button presses and calls of a history, times in `timeZone` (IANA). */
export function transcript(history: HistoryEntry[], limit: number, timeZone = 'UTC'): string {
	const messages = history.filter((entry) => CONVERSATION_EVENT_TYPES.includes(entry.type)).slice(-limit);
	let lastThread: string | undefined;
	return messages
		.map((entry) => {
			const at = DateTime.fromISO(entry.timestamp, { zone: timeZone }).toFormat('yyyy-LL-dd HH:mm');
			let subject = '';
			if (entry.channel === 'email' && entry.subject) {
				const thread = threadOf(entry.subject);
				if (thread !== lastThread) subject = `[Subject: ${entry.subject}] `;
				lastThread = thread;
			}
			return `[${at} ${CHANNEL_NAMES[entry.channel] ?? entry.channel}] ${speaker(entry)}: ${subject}${content(entry)}`;
		})
		.join('\n');
}
