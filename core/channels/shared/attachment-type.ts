/**
 * The canonical attachment type for a MIME type, with the names the WhatsApp Cloud API uses
 * (image, video, audio, document), so that every channel spells them the same way.
 */
export function attachmentTypeForMime(mimeType: string | undefined): 'image' | 'video' | 'audio' | 'document' {
	const major = (mimeType ?? '').trim().toLowerCase().split('/')[0];
	if (major === 'image' || major === 'video' || major === 'audio') return major;
	return 'document';
}
