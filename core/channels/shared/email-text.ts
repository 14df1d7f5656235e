import { stripQuotedReply } from './strip-quoted-reply';

/**
 * The canonical `text` of an inbound email: the subject, a blank line, then the new part
 * of the body, with \n line ends. The provider's stripped reply is used when it has one;
 * otherwise the quoted history and signature are removed here. Either part may be absent.
 */
export function emailText(subject: string | undefined, strippedReply: string | undefined, body: string | undefined): string | undefined {
	const reply = strippedReply && strippedReply.trim() !== '' ? strippedReply.replace(/\r\n?/g, '\n').trim() : stripQuotedReply(body ?? '');
	const parts = [subject?.trim(), reply].filter((part): part is string => !!part && part !== '');
	return parts.length > 0 ? parts.join('\n\n') : undefined;
}
