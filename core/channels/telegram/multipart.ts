import { randomBytes } from 'node:crypto';

export interface MultipartFile {
	data: Buffer;
	fileName: string;
	mimeType?: string;
}

/** A header parameter value: quotes and line breaks would end it early. */
function quoted(value: string): string {
	return value.replace(/[\r\n]+/g, ' ').replace(/"/g, '%22');
}

/**
 * A multipart/form-data body (RFC 7578) with text fields and one file, built in memory so
 * that it can be sent again when a rate-limited request is retried.
 */
export function multipartBody(fields: Record<string, string>, file: { field: string } & MultipartFile): { body: Buffer; contentType: string } {
	const boundary = `----omnichannel${randomBytes(12).toString('hex')}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`, 'utf8'));
	}
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.fileName)}"\r\n` +
				`Content-Type: ${file.mimeType || 'application/octet-stream'}\r\n\r\n`,
			'utf8',
		),
		file.data,
		Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
	);
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
