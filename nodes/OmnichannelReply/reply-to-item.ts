import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { MessagingWindow } from '../../core/channels/meta/send-api';
import { ReplyError, replyTarget } from '../../core/channels/reply-target';
import { canonicalEventSchema, type CanonicalEvent } from '../../core/model';
import { ROUTE_CREDENTIALS, type ReplySenders } from './reply-senders';

/**
 * One item's reply: the event it carries, the route that answers it (see
 * core/channels/outbound-registry), a check that the node has that route's credential (and,
 * with `pickedChannels`, version 2, that its channel is picked), and the answer sent there.
 */
export async function replyToItem(context: IExecuteFunctions, senders: ReplySenders, itemIndex: number, pickedChannels: boolean): Promise<CanonicalEvent> {
	const parsed = canonicalEventSchema.safeParse(context.getInputData()[itemIndex].json);
	if (!parsed.success) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} is not a channel event, so there is nothing to reply to`, {
			itemIndex,
			description: 'Connect the Reply node after an Omnichannel trigger (Customer Merge and routers keep the event on the item).',
		});
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
		const where = pickedChannels ? 'under Channels to Answer On' : 'on the Reply node';
		throw new NodeOperationError(context.getNode(), `${came}: select its "${label}" credential ${where}`, { itemIndex });
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await senders.send(target, {
		text: context.getNodeParameter('text', itemIndex) as string,
		window: (options.window as MessagingWindow) ?? 'RESPONSE',
		subject: (options.subject as string) || undefined,
	});
}
