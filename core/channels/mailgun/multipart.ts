/** A file of a multipart/form-data body. */
export interface MultipartFile {
	/** The form field it came in, e.g. `attachment-1`. */
	field: string;
	filename?: string;
	mimeType?: string;
	content: Buffer;
}

/** A decoded multipart/form-data body: the first value of each text field, and every file in order. */
export interface MultipartForm {
	fields: Record<string, string>;
	files: MultipartFile[];
}

/** The boundary of a `multipart/form-data; boundary=…` Content-Type; undefined for anything else. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
	if (!/^\s*multipart\/form-data/i.test(contentType ?? '')) return undefined;
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
	return match ? (match[1] ?? match[2]) : undefined;
}

function headerParameter(header: string, name: string): string | undefined {
	const extended = new RegExp(`;\\s*${name}\\*=(?:[^']*)'[^']*'([^;]+)`, 'i').exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			return extended[1].trim();
		}
	}
	const match = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]+))`, 'i').exec(header);
	if (!match) return undefined;
	return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2].trim();
}

function partHeaders(text: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of text.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

/**
 * Decodes a multipart/form-data body (RFC 7578) from its exact bytes: text fields as UTF-8,
 * files as Buffers with their file name and type. Throws when the body has no part
 * delimited by the boundary.
 */
export function parseMultipartForm(body: Buffer, boundary: string): MultipartForm {
	const delimiter = Buffer.from(`--${boundary}`);
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
	const form: MultipartForm = { fields: {}, files: [] };
	let position = body.indexOf(delimiter);
	if (position < 0) throw new Error('the multipart body has no part with the boundary of its Content-Type');
	while (position >= 0) {
		let start = position + delimiter.length;
		if (body[start] === 0x2d && body[start + 1] === 0x2d) break;
		while (body[start] === 0x20 || body[start] === 0x09) start++;
		if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
		const end = body.indexOf(nextDelimiter, start);
		if (end < 0) break;
		const part = body.subarray(start, end);
		const split = part.indexOf('\r\n\r\n');
		const headers = partHeaders(split < 0 ? part.toString('utf8') : part.subarray(0, split).toString('utf8'));
		const content = split < 0 ? Buffer.alloc(0) : part.subarray(split + 4);
		const disposition = headers['content-disposition'] ?? '';
		const name = headerParameter(disposition, 'name');
		const filename = headerParameter(disposition, 'filename');
		if (name !== undefined) {
			if (filename !== undefined || (headers['content-type'] && !/^text\/plain/i.test(headers['content-type']))) {
				form.files.push({
					field: name,
					...(filename ? { filename } : {}),
					...(headers['content-type'] ? { mimeType: headers['content-type'].split(';')[0].trim() } : {}),
					content: Buffer.from(content),
				});
			} else if (!(name in form.fields)) {
				form.fields[name] = content.toString('utf8');
			}
		}
		position = end + 2;
	}
	return form;
}

/** Mailgun's attachment fields in their order: attachment-1, attachment-2, … (others after, as received). */
export function mailgunAttachmentOrder<T extends { field: string }>(files: T[]): T[] {
	const rank = (field: string) => {
		const match = /^attachment-(\d+)$/.exec(field);
		return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
	};
	return files
		.map((file, index) => ({ file, index }))
		.sort((a, b) => rank(a.file.field) - rank(b.file.field) || a.index - b.index)
		.map(({ file }) => file);
}
