import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { Channel, HistoryEntry } from '../../../core';
import { CHANNEL_NAMES, transcript } from '../../../core/conversations/transcript';
import type { CrmActivity, CrmCustomer } from '../../../core/crm';
import type { CrmConnection } from './crm-connection';

/** What is logged, before the contact is known. */
export type ActivityToLog = Omit<CrmActivity, 'contactId'>;

const channelName = (channel: string) => CHANNEL_NAMES[channel as Channel] ?? channel;

/** The item's event (a message from a channel trigger, send node or Customer Merge) as one line of transcript. */
export function messageActivity(context: IExecuteFunctions, itemIndex: number, customer: CrmCustomer | undefined): ActivityToLog {
	const event = context.getInputData()[itemIndex].json as IDataObject & { id?: string; channel?: string; direction?: 'inbound' | 'outbound'; timestamp?: string; type?: string; text?: string; subject?: string };
	if (typeof event.id !== 'string' || typeof event.channel !== 'string' || typeof event.timestamp !== 'string') {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} is not a channel event, so there is no message to log`, {
			itemIndex,
			description: "Connect this node after an Omnichannel trigger, send node or Customer Merge, or set 'Log' to 'Conversation Transcript'.",
		});
	}
	const direction = event.direction === 'outbound' ? 'outbound' : 'inbound';
	const entry: HistoryEntry = {
		channel: event.channel as Channel,
		externalId: event.id,
		type: event.type ?? 'message',
		direction,
		timestamp: event.timestamp,
		subject: event.subject,
		text: event.text,
		event,
	};
	const who = customer?.name ?? 'the customer';
	const subject = event.subject || `${channelName(event.channel)} message ${direction === 'inbound' ? 'from' : 'to'} ${who}`;
	return { key: `event:${event.id}`, kind: 'message', channel: entry.channel, direction, timestamp: event.timestamp, subject, body: transcript([entry], 1, context.getTimezone()) };
}

/**
 * The transcript of the conversation on the item (or the one the parameter names), from the store:
 * its last `limit` messages across channels. Logged once per conversation and last message, so
 * logging it again after a new message logs the longer transcript.
 */
export async function conversationActivity(context: IExecuteFunctions, itemIndex: number, connection: CrmConnection, customer: CrmCustomer | undefined): Promise<ActivityToLog> {
	const item = context.getInputData()[itemIndex].json;
	const conversationId = String(context.getNodeParameter('conversationId', itemIndex, '') || ((item.conversation as IDataObject | undefined)?.id ?? '')).trim();
	if (!connection.store) {
		throw new NodeOperationError(context.getNode(), 'A conversation transcript comes from the store, and this node has none', {
			itemIndex,
			description: 'Choose the Omnichannel Store credential that Customer Merge and the Conversation node use.',
		});
	}
	if (!conversationId) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} has no conversation`, { itemIndex, description: 'Put the Conversation node (Open or Continue, or Get) before this node, or map a Conversation ID.' });
	}
	const limit = context.getNodeParameter('transcriptLimit', itemIndex, 50) as number;
	const conversation = await connection.store.conversations.get(conversationId, { historyLimit: limit, transcriptLimit: limit, timeZone: context.getTimezone() });
	const last = conversation?.history.at(-1);
	if (!conversation || !last) throw new NodeOperationError(context.getNode(), `Conversation ${conversationId} has no messages to log`, { itemIndex });
	const channel = (conversation.lastChannel ?? last.channel) as Channel;
	return {
		key: `conversation:${conversation.id}:${last.channel}:${last.externalId}`,
		kind: 'conversation',
		channel,
		timestamp: last.timestamp,
		subject: `${channelName(channel)} conversation with ${customer?.name ?? 'the customer'}`,
		body: conversation.transcript,
	};
}
