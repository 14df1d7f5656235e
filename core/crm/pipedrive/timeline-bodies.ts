import type { Channel } from '../../model/event';
import { CrmError, type CrmActivity } from '../types';

/**
 * What a customer's messages become on a Pipedrive person: a conversation's transcript a note
 * (POST /v1/notes), one message a done activity (POST /api/v2/activities). Pipedrive shows both
 * as HTML, so the text is escaped and its lines kept.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text as Pipedrive's HTML shows it: markup shown as typed, one <br> per line break. */
export function htmlText(text: string): string {
	return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]).replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * Activity types every Pipedrive company starts with (call, meeting, task, deadline, email, lunch):
 * a call for voice, an e-mail for e-mail, and a task for the chat channels, which have none of their own.
 */
export function activityType(channel: Channel): string {
	if (channel === 'voice') return 'call';
	if (channel === 'email') return 'email';
	return 'task';
}

export function personId(contactId: string): number {
	const id = contactId.trim();
	if (!/^\d+$/.test(id)) throw new CrmError('pipedrive', `"${contactId}" is not a Pipedrive person id: Pipedrive ids are numbers, like the 1042 of …/person/1042.`);
	return Number(id);
}

function instant(timestamp: string): Date {
	const date = new Date(timestamp);
	if (Number.isNaN(date.getTime())) throw new CrmError('pipedrive', `"${timestamp}" is not a date and time: the activity needs when the message was sent (ISO 8601).`);
	return date;
}

export function noteBody(activity: CrmActivity): Record<string, unknown> {
	const when = instant(activity.timestamp).toISOString();
	return {
		content: `<b>${htmlText(activity.subject)}</b><br>${htmlText(activity.body)}`,
		person_id: personId(activity.contactId),
		// v1 notes take "YYYY-MM-DD HH:MM:SS" in UTC: the note sits on the timeline when the conversation happened.
		add_time: `${when.slice(0, 10)} ${when.slice(11, 19)}`,
	};
}

export function activityBody(activity: CrmActivity): Record<string, unknown> {
	const when = instant(activity.timestamp).toISOString();
	const person = personId(activity.contactId);
	return {
		subject: activity.subject,
		type: activityType(activity.channel),
		person_id: person,
		participants: [{ person_id: person, primary: true }],
		done: true,
		// Pipedrive keeps due dates and times in UTC.
		due_date: when.slice(0, 10),
		due_time: when.slice(11, 16),
		note: htmlText(activity.body),
	};
}
