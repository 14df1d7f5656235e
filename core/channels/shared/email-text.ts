import { stripQuotedReply } from './strip-quoted-reply';

/** What an e-mail event says: its subject, and the new part of its body. */
export interface EmailContent {
	subject?: string;
	text?: string;
}

/**
 * The canonical `subject` and `text` of an email: the subject on one line (a folded header
 * unfolded), and the new part of the body with \n line ends. The provider's stripped reply
 * is used when it has one; otherwise the quoted history and signature are removed here.
 * Either may be absent.
 */
export function emailContent(subject: string | undefined, strippedReply: string | undefined, body: string | undefined): EmailContent {
	const reply = strippedReply && strippedReply.trim() !== '' ? strippedReply.replace(/\r\n?/g, '\n').trim() : stripQuotedReply(body ?? '');
	const line = (subject ?? '').replace(/\s*[\r\n]+\s*/g, ' ').trim();
	const content: EmailContent = {};
	if (line) content.subject = line;
	if (reply) content.text = reply;
	return content;
}
