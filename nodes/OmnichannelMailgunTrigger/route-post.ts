import type { IBinaryData, IWebhookFunctions } from 'n8n-workflow';
import { mailgunAttachmentOrder, multipartBoundary, parseMultipartForm } from '../../core/channels/mailgun/multipart';
import { parseFormBody } from '../../core/channels/shared/form-body';

/** A file of the post: its bytes, or (when n8n already parsed the multipart body) the temporary file n8n wrote. */
export interface RouteFile {
	field: string;
	filename?: string;
	mimeType?: string;
	content?: Buffer;
	path?: string;
}

/** The fields and files of one Mailgun route post. */
export interface RoutePost {
	fields: Record<string, string>;
	files: RouteFile[];
}

/** A file as formidable describes it; n8n's webhook server uses formidable for multipart bodies. */
interface FormidableFile {
	filepath: string;
	originalFilename?: string | null;
	newFilename?: string;
	mimetype?: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function firstText(value: unknown): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : first === undefined || first === null ? undefined : String(first);
}

/**
 * n8n's webhook server parses multipart/form-data itself, before the node runs: `req.body`
 * becomes `{ data, files }` (formidable's fields and files, single values unwrapped) and
 * the files are on disk. That is the shape read here, the same way n8n's Webhook node does.
 */
function n8nParsedMultipart(body: unknown): RoutePost | undefined {
	if (!isRecord(body) || !isRecord(body.data) || !isRecord(body.files)) return undefined;
	const fields: Record<string, string> = {};
	for (const [name, value] of Object.entries(body.data)) {
		const text = firstText(value);
		if (text !== undefined) fields[name] = text;
	}
	const files: RouteFile[] = [];
	for (const [field, value] of Object.entries(body.files)) {
		for (const file of (Array.isArray(value) ? value : [value]) as FormidableFile[]) {
			if (!file?.filepath) continue;
			files.push({
				field,
				path: file.filepath,
				...(file.originalFilename ? { filename: file.originalFilename } : {}),
				...(file.mimetype ? { mimeType: file.mimetype } : {}),
			});
		}
	}
	return { fields, files };
}

/**
 * The fields and files of a Mailgun route post, whatever shape n8n hands it over in:
 * multipart already parsed by n8n (emails with attachments, in production), multipart as
 * raw bytes (when the body reached the node unparsed), or urlencoded (emails without
 * attachments). Throws a plain-words error for a body that is none of these.
 */
export function readRoutePost(context: IWebhookFunctions): RoutePost {
	const request = context.getRequestObject();
	const parsed = n8nParsedMultipart(request.body);
	if (parsed) return { ...parsed, files: mailgunAttachmentOrder(parsed.files) };

	const header = context.getHeaderData()['content-type'];
	const contentType = Array.isArray(header) ? header[0] : header;
	const rawBody: Buffer | undefined = request.rawBody;
	const boundary = multipartBoundary(contentType);
	if (boundary) {
		if (!rawBody?.length) throw new Error('Mailgun: the multipart body is empty');
		const form = parseMultipartForm(rawBody, boundary);
		return { fields: form.fields, files: mailgunAttachmentOrder(form.files) };
	}
	if (rawBody?.length) {
		const text = rawBody.toString('utf8');
		if (/^\s*[{[<]/.test(text)) throw new Error('Mailgun: the body is JSON or XML, not a route post; in the route, use forward() to this URL');
		return { fields: parseFormBody(text).fields, files: [] };
	}
	if (isRecord(request.body)) {
		const fields: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.body)) {
			const text = firstText(value);
			if (text !== undefined) fields[name] = text;
		}
		return { fields, files: [] };
	}
	throw new Error('Mailgun: the request has no body');
}

/** A file of the post as n8n binary data. */
export async function routeFileToBinary(context: IWebhookFunctions, file: RouteFile, index: number): Promise<IBinaryData> {
	const filename = file.filename || `attachment-${index + 1}`;
	const mimeType = file.mimeType || 'application/octet-stream';
	if (file.content) return await context.helpers.prepareBinaryData(file.content, filename, mimeType);
	return await context.nodeHelpers.copyBinaryFile(file.path ?? '', filename, mimeType);
}
