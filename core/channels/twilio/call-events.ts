import type { CanonicalEvent } from '../../model';
import type { ParseOptions } from '../types';
import { dateTextToIso, nowIso } from '../shared/unix-time';
import { twilioAddress } from './address';
import { ownEntry } from '../shared/own-entry';

type Fields = Record<string, string>;

/** Call outcomes that mean nobody talked, as the `failed` status with a readable reason. */
const UNANSWERED: Record<string, string> = {
	busy: 'The line was busy',
	'no-answer': 'Nobody answered the call',
	failed: 'The call could not be connected',
	canceled: 'The call was canceled before it was answered',
};

function summary(callStatus: string, seconds: string | undefined): string {
	const label = callStatus.replace(/-/g, ' ');
	return seconds && /^\d+$/.test(seconds) ? `Call ${label} (${seconds} s)` : `Call ${label}`;
}

/**
 * A voice call webhook or status callback (CallSid, CallStatus). Each progress step is its
 * own event: externalId `<CallSid>:<CallStatus>`, `thread.messageId` the CallSid, the
 * CallStatus in `action.payload` (initiated, ringing, in-progress, completed, busy,
 * no-answer, failed, canceled) and a readable summary in `text`. Busy, unanswered, failed
 * and canceled calls also carry status `failed` and an error. Direction `inbound` puts
 * the caller in `from`; outbound-api and outbound-dial put the callee in `to`.
 */
export function twilioCallEvent(fields: Fields, options?: ParseOptions): CanonicalEvent[] {
	const callStatus = fields.CallStatus.toLowerCase();
	const inbound = (fields.Direction ?? 'inbound').toLowerCase() === 'inbound';
	const from = twilioAddress(fields.From ?? fields.Caller);
	const to = twilioAddress(fields.To ?? fields.Called);
	const customer = inbound ? from : to;
	const ours = inbound ? to : from;
	const externalId = `${fields.CallSid}:${callStatus}`;
	const event: CanonicalEvent = {
		id: `voice:${externalId}`,
		type: 'call',
		channel: 'voice',
		provider: 'twilio',
		direction: inbound ? 'inbound' : 'outbound',
		externalId,
		timestamp: dateTextToIso(fields.Timestamp) ?? nowIso(),
		from: { identities: inbound && customer?.phone ? [customer.phone] : [] },
		to: {
			...(ours ? { account: ours.value } : {}),
			...(inbound ? {} : { identities: customer?.phone ? [customer.phone] : [] }),
		},
		text: summary(callStatus, fields.CallDuration),
		action: { payload: callStatus },
		thread: { messageId: fields.CallSid },
		...(options?.includeRaw ? { raw: fields } : {}),
	};
	const unanswered = ownEntry(UNANSWERED, callStatus);
	if (unanswered) {
		event.status = 'failed';
		event.error = { code: callStatus, message: unanswered };
	}
	return [event];
}
