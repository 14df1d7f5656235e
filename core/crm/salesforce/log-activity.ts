import type { CrmActivity, CrmActivityResult } from '../types';
import { callSalesforce } from './api';
import type { SalesforceConfig } from './config';
import { requirePersonObject } from './record-ids';

/** Task field lengths: Subject is a 255-character text, Description a 32,000-character long text. */
const SUBJECT_MAX = 255;
const DESCRIPTION_MAX = 32_000;

/** Salesforce shows e-mail and call tasks with their own icon on the timeline. */
function taskSubtype(activity: CrmActivity): 'Email' | 'Call' | 'Task' {
	if (activity.channel === 'email') return 'Email';
	if (activity.channel === 'voice') return 'Call';
	return 'Task';
}

function truncated(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The Task body: a completed activity on the contact's or lead's timeline, dated the day of the message. */
export function salesforceTask(activity: CrmActivity): Record<string, string> {
	const whoId = activity.contactId.trim();
	requirePersonObject(whoId, 'The contact to log on');
	// The day as written in the timestamp, the customer's day: 22:30 in São Paulo is not tomorrow.
	const written = /^\d{4}-\d{2}-\d{2}/.exec(activity.timestamp.trim())?.[0];
	return {
		WhoId: whoId,
		Subject: truncated(activity.subject.trim() || 'Conversation', SUBJECT_MAX),
		Description: truncated(activity.body, DESCRIPTION_MAX),
		Status: 'Completed',
		Priority: 'Normal',
		TaskSubtype: taskSubtype(activity),
		ActivityDate: written ?? new Date().toISOString().slice(0, 10),
	};
}

/** Logs a message or a conversation as a completed Task. */
export async function logSalesforceActivity(config: SalesforceConfig, activity: CrmActivity): Promise<CrmActivityResult> {
	const response = await callSalesforce<{ id: string }>(config, { method: 'POST', path: '/sobjects/Task', json: salesforceTask(activity), subject: 'the task' });
	return { id: response.body.id, objectType: 'task' };
}
