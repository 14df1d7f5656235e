import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { MessagingWindow } from '../../core/channels/meta/send-api';
import { ReplyError, replyTarget } from '../../core/channels/reply-target';
import { canonicalEventSchema, type CanonicalEvent } from '../../core/model';
import { sharedSenderLeak } from '../../core/identity/shared-sender';
import type { ReplyTarget } from '../../core/channels/outbound-types';
import { ROUTE_CREDENTIALS, type ReplyContent, type ReplySenders } from './reply-senders';

/**
 * Where one item's reply goes: the event it carries and the route that answers it (see
 * core/channels/outbound-registry), checked against the node's credentials (and, with
 * `pickedChannels`, version 2, its picked channels). `where` names the node in the hints.
 */
export function itemReplyTarget(context: IExecuteFunctions, itemIndex: number, pickedChannels: boolean, where = 'Connect the Reply node after an Omnichannel trigger (Customer Merge and routers keep the event on the item).'): { event: CanonicalEvent; target: ReplyTarget } {
	const parsed = canonicalEventSchema.safeParse(context.getInputData()[itemIndex].json);
	if (!parsed.success) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} is not a channel event, so there is nothing to reply to`, { itemIndex, description: where });
	}
	let target;
	try {
		target = replyTarget(parsed.data);
	} catch (error) {
		if (error instanceof ReplyError) throw new NodeOperationError(context.getNode(), error.message, { itemIndex });
		throw error;
	}
	const { credential, label, channel } = ROUTE_CREDENTIALS[target.route];
	const came = `Item ${itemIndex + 1} came from ${parsed.data.channel} (${parsed.data.provider})`;
	if (pickedChannels && !(context.getNodeParameter('channels', itemIndex, []) as string[]).includes(target.route)) {
		throw new NodeOperationError(context.getNode(), `${came}, which is not among the Channels to Answer On: add "${channel}" there and select its credential`, { itemIndex });
	}
	if (!context.getNode().credentials?.[credential]) {
		const place = pickedChannels ? 'under Channels to Answer On' : 'on the Reply node';
		throw new NodeOperationError(context.getNode(), `${came}: select its "${label}" credential ${place}`, { itemIndex });
	}
	return { event: parsed.data, target };
}

/** The reply's content from the node's Message and Options parameters. */
export function replyContentOf(context: IExecuteFunctions, itemIndex: number): ReplyContent {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		text: context.getNodeParameter('text', itemIndex) as string,
		window: (options.window as MessagingWindow) ?? 'RESPONSE',
		subject: (options.subject as string) || undefined,
	};
}

/** One item's reply: its target (itemReplyTarget), and the node's message sent there. */
export async function replyToItem(context: IExecuteFunctions, senders: ReplySenders, itemIndex: number, pickedChannels: boolean): Promise<CanonicalEvent> {
	const { target } = itemReplyTarget(context, itemIndex, pickedChannels);
	const content = replyContentOf(context, itemIndex);
	refuseSharedSenderLeak(context, itemIndex, content.text);
	return await senders.send(target, content);
}

/** A message to a shared phone (a family's WhatsApp) never shows one person's data to another: refused while who is writing is not confirmed. */
export function refuseSharedSenderLeak(context: IExecuteFunctions, itemIndex: number, text: string): void {
	const leak = sharedSenderLeak(context.getInputData()[itemIndex].json, text);
	if (leak) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1}: ${leak}`, {
			itemIndex,
			description: 'Ask who is writing first (e.g. a WhatsApp list with the customers in resolution.shared.customers), then Customer Merge → Confirm Customer; or send a message without their data.',
		});
	}
}
