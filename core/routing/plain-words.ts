import { MINUTE_MS } from './moment';

/** How routing reasons name things, in words a business user reads. */

const CHANNEL_NAMES: Record<string, string> = {
	whatsapp: 'WhatsApp',
	messenger: 'Messenger',
	instagram: 'Instagram',
	telegram: 'Telegram',
	sms: 'SMS',
	voice: 'the phone',
	email: 'e-mail',
	webchat: 'web chat',
};

export const channelName = (channel: string) => CHANNEL_NAMES[channel] ?? channel;

const WORK_NAMES: Record<string, [string, string]> = { chat: ['chat', 'chats'], call: ['call', 'calls'], email: ['e-mail', 'e-mails'] };

/** "1 chat", "3 chats", "2 tickets" */
export function workCount(count: number, kind: string): string {
	const [one, many] = WORK_NAMES[kind] ?? [kind, kind.endsWith('s') ? kind : `${kind}s`];
	return `${count} ${count === 1 ? one : many}`;
}

/** "1 of 3 chats" */
export const ofCapacity = (load: number, capacity: number, kind: string) => `${load} of ${workCount(capacity, kind)}`;

/** "Bruno has 1 of 3 chats" */
export const loadText = (name: string, load: number, capacity: number, kind: string) => `${name} has ${ofCapacity(load, capacity, kind)}`;

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago" */
export function timeAgo(elapsedMs: number): string {
	const minutes = Math.floor(elapsedMs / MINUTE_MS);
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return `${plural(hours, 'hour')} ago`;
	return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

/** "a", "a and b", "a, b and c" */
export function listText(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
