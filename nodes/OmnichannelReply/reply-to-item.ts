import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { MessagingWindow } from '../../core/channels/meta/send-api';
import { ReplyError, replyTarget } from '../../core/channels/reply-target';
import { canonicalEventSchema, type CanonicalEvent } from '../../core/model';
import { ROUTE_CREDENTIALS, type ReplySenders } from './reply-senders';

/**
 * One item's reply: the event it carries, the route that answers it (see
 * core/channels/outbound-registry), a check that the node has that route's credential, and
 * the answer sent there.
 */
export async function replyToItem(context: IExecuteFunctions, senders: ReplySenders, itemIndex: number): Promise<CanonicalEvent> {
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
	const { credential, label } = ROUTE_CREDENTIALS[target.route];
	if (!context.getNode().credentials?.[credential]) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} came from ${parsed.data.channel} (${parsed.data.provider}): select an "${label}" credential on the Reply node`, { itemIndex });
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await senders.send(target, {
		text: context.getNodeParameter('text', itemIndex) as string,
		window: (options.window as MessagingWindow) ?? 'RESPONSE',
		subject: (options.subject as string) || undefined,
	});
}
