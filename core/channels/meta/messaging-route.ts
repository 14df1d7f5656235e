import type { CanonicalEvent } from '../../model';
import type { OutboundAddress, OutboundMedia, OutboundMediaType, ReplyTarget } from '../outbound-types';
import type { RateLimit } from '../rate-limit';
import { customerIdentity, requiredAddress } from '../reply-address';
import type { MetaSendInput } from './send-api';

/** What the Messenger and Instagram routes share: the Send API's limits, its window, and how a reply is addressed. */

/** The Send API's limits per sending account; `errorCode` is the business-use-case limit Meta answers when they are hit. */
export function metaSendLimits(account: string, errorCode: number): RateLimit[] {
	return [
		{ per: 'sender', max: 300, intervalMs: 1000, counts: `Send API calls per ${account} for text, links, reactions and stickers`, errorCode },
		{ per: 'sender', max: 10, intervalMs: 1000, counts: `Send API calls per ${account} for audio or video`, errorCode },
	];
}

/** The customer's scoped id ("<account>:<id>") names the Page or account, so the reply needs no account of its own. */
export function metaReplyTarget(event: CanonicalEvent, route: 'messenger' | 'instagram', label: string): ReplyTarget {
	return { route, recipient: requiredAddress(customerIdentity(event, route), event, `${label} user`), account: event.account };
}

export const metaSendInput = (message: OutboundAddress): MetaSendInput => ({ recipient: message.recipient, window: message.window, includeRaw: message.includeRaw });

/** The media type the Send API calls it ("file" for a document on Messenger); a caption, which it can't show, is refused rather than lost. */
export function metaMediaType(message: OutboundMedia, label: string, documentAs?: string): string {
	if (message.caption?.trim()) throw new Error(`${label} shows no caption under media: send the text as a message of its own`);
	const type: OutboundMediaType | string = message.mediaType;
	return type === 'document' && documentAs ? documentAs : type;
}
