import { randomBytes } from 'crypto';

/** One part of a multipart/form-data body: a plain field, or a file with its name and type. */
export type MultipartPart =
	| { name: string; value: string }
	| { name: string; data: Buffer; filename: string; contentType: string };

export interface MultipartBody {
	/** The value for the Content-Type header, with the boundary. */
	contentType: string;
	body: Buffer;
}

/** Quotes a value for a Content-Disposition parameter (RFC 7578): no CR, LF or bare quotes. */
function quoted(value: string): string {
	return `"${value.replace(/[\r\n]/g, ' ').replace(/"/g, '%22')}"`;
}

/** Builds a multipart/form-data body (RFC 7578) from fields and files, in the given order. */
export function multipartBody(parts: MultipartPart[], boundary = `----omnichannel${randomBytes(12).toString('hex')}`): MultipartBody {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}`;
		if ('data' in part) {
			head += `; filename=${quoted(part.filename)}\r\nContent-Type: ${part.contentType}\r\n\r\n`;
			chunks.push(Buffer.from(head, 'utf8'), part.data, Buffer.from('\r\n'));
		} else {
			chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}\r\n`, 'utf8'));
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
