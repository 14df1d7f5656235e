import { parsePostmarkInbound } from './payload';

/** One file of an inbound email, decoded, for the node to turn into binary data. */
export interface PostmarkAttachmentFile {
	filename: string;
	mimeType: string;
	content: Buffer;
	/** The Content-ID of an inline image (referenced as cid: in the HTML body). */
	contentId?: string;
}

/**
 * The attachments of a Postmark inbound webhook with their bytes, in the order of the
 * event's `attachments` (which carry only type, filename and MIME type: events never hold
 * file contents).
 */
export function postmarkAttachments(body: Buffer | string): PostmarkAttachmentFile[] {
	const inbound = parsePostmarkInbound(body);
	return (inbound.Attachments ?? []).map((attachment, index) => {
		const file: PostmarkAttachmentFile = {
			filename: attachment.Name || `attachment-${index + 1}`,
			mimeType: attachment.ContentType || 'application/octet-stream',
			content: Buffer.from(attachment.Content ?? '', 'base64'),
		};
		if (attachment.ContentID) file.contentId = attachment.ContentID;
		return file;
	});
}
