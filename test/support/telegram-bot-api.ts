/**
 * A local Telegram Bot API for tests: it checks every request against the documented
 * shape of its method (POST /bot<token>/<method>, JSON or multipart/form-data, required and
 * allowed fields with their types) and answers the documented bodies from
 * test/fixtures/channels/telegram/bot-api, or whatever a test scripted for the next call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';

const FIXTURES = join(__dirname, '../fixtures/channels/telegram/bot-api');

/** A documented answer body, read from the fixtures. */
export function botApiFixture(name: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export interface UploadedFile {
	fileName: string;
	contentType: string;
	data: Buffer;
}

export interface BotApiCall {
	method: string;
	token: string;
	contentType: string;
	/** The parameters, parsed: JSON values, or multipart text fields (JSON-valued ones parsed). */
	params: Record<string, unknown>;
	files: Record<string, UploadedFile>;
	request: RecordedRequest;
}

export interface ScriptedAnswer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

type Rule = { required?: boolean; check: (value: unknown) => boolean; type: string };

const integer: Rule = { type: 'Integer', check: (value) => Number.isInteger(value) };
const text: Rule = { type: 'String', check: (value) => typeof value === 'string' };
const boolean: Rule = { type: 'Boolean', check: (value) => typeof value === 'boolean' };
const chatId: Rule = { required: true, type: 'Integer or String', check: (value) => Number.isInteger(value) || (typeof value === 'string' && value !== '') };
const parseMode: Rule = { type: 'String', check: (value) => value === 'MarkdownV2' || value === 'HTML' || value === 'Markdown' };
const required = (rule: Rule): Rule => ({ ...rule, required: true });
const inputFile: Rule = { required: true, type: 'InputFile or String', check: (value) => typeof value === 'string' && value !== '' };

function isButton(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) return false;
	const button = value as Record<string, unknown>;
	const kinds = ['callback_data', 'url'].filter((key) => button[key] !== undefined);
	const dataOk = button.callback_data === undefined || (typeof button.callback_data === 'string' && Buffer.byteLength(button.callback_data) >= 1 && Buffer.byteLength(button.callback_data) <= 64);
	return typeof button.text === 'string' && button.text !== '' && kinds.length === 1 && dataOk && Object.keys(button).every((key) => ['text', 'callback_data', 'url'].includes(key));
}

const inlineKeyboardMarkup: Rule = {
	type: 'InlineKeyboardMarkup',
	check: (value) => {
		const keyboard = (value as { inline_keyboard?: unknown })?.inline_keyboard;
		return Array.isArray(keyboard) && keyboard.every((row) => Array.isArray(row) && row.length > 0 && row.every(isButton));
	},
};
const replyParameters: Rule = { type: 'ReplyParameters', check: (value) => Number.isInteger((value as { message_id?: unknown })?.message_id) };

const SEND_COMMON: Record<string, Rule> = { chat_id: chatId, parse_mode: parseMode, reply_markup: inlineKeyboardMarkup, reply_parameters: replyParameters, disable_notification: boolean };

/** The parameters each method takes, as the Bot API documents them (the subset these nodes use). */
const METHODS: Record<string, { params: Record<string, Rule>; success: string; files?: string[] }> = {
	sendMessage: { params: { ...SEND_COMMON, text: required(text) }, success: 'send-message-ok' },
	sendPhoto: { params: { ...SEND_COMMON, photo: inputFile, caption: text }, success: 'send-photo-ok', files: ['photo'] },
	sendDocument: { params: { ...SEND_COMMON, document: inputFile, caption: text }, success: 'send-document-ok', files: ['document'] },
	editMessageText: { params: { chat_id: chatId, message_id: required(integer), text: required(text), parse_mode: parseMode, reply_markup: inlineKeyboardMarkup }, success: 'edit-message-text-ok' },
	answerCallbackQuery: { params: { callback_query_id: required(text), text, show_alert: boolean }, success: 'answer-callback-query-ok' },
	setWebhook: {
		params: {
			url: required(text),
			secret_token: { type: 'String', check: (value) => typeof value === 'string' && /^[A-Za-z0-9_-]{1,256}$/.test(value) },
			allowed_updates: { type: 'Array of String', check: (value) => Array.isArray(value) && value.every((entry) => typeof entry === 'string') },
		},
		success: 'set-webhook-ok',
	},
	deleteWebhook: { params: { drop_pending_updates: boolean }, success: 'delete-webhook-ok' },
	getWebhookInfo: { params: {}, success: 'get-webhook-info-none' },
};

/** Splits a multipart/form-data body into text fields and files. */
export function parseMultipart(body: Buffer, contentType: string): { fields: Record<string, string>; files: Record<string, UploadedFile> } {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!boundary) throw new Error(`multipart body without a boundary: ${contentType}`);
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const fields: Record<string, string> = {};
	const files: Record<string, UploadedFile> = {};
	let start = body.indexOf(delimiter);
	if (start !== 0) throw new Error('multipart body does not start with its boundary');
	for (;;) {
		const afterDelimiter = start + delimiter.length;
		if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, afterDelimiter);
		if (next < 0) throw new Error('multipart body is not closed with its final boundary');
		const part = body.subarray(afterDelimiter + 2, next - 2); // skip CRLF after the boundary and before the next
		const headerEnd = part.indexOf('\r\n\r\n');
		const headers = part.subarray(0, headerEnd).toString('utf8');
		const content = part.subarray(headerEnd + 4);
		const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
		const fileName = /filename="([^"]*)"/.exec(headers)?.[1];
		if (fileName === undefined) fields[name] = content.toString('utf8');
		else files[name] = { fileName, contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? '', data: Buffer.from(content) };
		start = next;
	}
	return { fields, files };
}

/** Reads a request as a Bot API call (`POST /bot<token>/<method>`), or says why it is not one. */
export function parseCall(request: RecordedRequest): BotApiCall | string {
	const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.path);
	if (!match) return `path ${request.path} is not /bot<token>/<method>`;
	const contentType = String(request.headers['content-type'] ?? '');
	const call: BotApiCall = { method: match[2], token: decodeURIComponent(match[1]), contentType, params: {}, files: {}, request };
	if (request.method !== 'POST') return `${call.method} was called with ${request.method}; these nodes always POST`;
	if (contentType.startsWith('application/json')) {
		if (typeof request.json !== 'object' || request.json === null) return `${call.method}: the JSON body is not an object`;
		call.params = request.json as Record<string, unknown>;
	} else if (contentType.startsWith('multipart/form-data')) {
		const { fields, files } = parseMultipart(request.rawBody, contentType);
		call.files = files;
		for (const [key, value] of Object.entries(fields)) {
			// In multipart, objects are JSON-serialized and numbers are text, as the Bot API documents.
			call.params[key] = key === 'reply_markup' || key === 'reply_parameters' ? JSON.parse(value) : /^-?\d+$/.test(value) ? Number(value) : value === 'true' ? true : value;
		}
		for (const key of Object.keys(files)) call.params[key] = `attach:${key}`;
	} else if (request.rawBody.length > 0) {
		return `${call.method}: unexpected content type ${contentType}`;
	}
	return call;
}

/** How a call breaks the documented shape of its method: unknown or mistyped parameters, missing required ones. */
export function violationsOf(call: BotApiCall): string[] {
	const spec = METHODS[call.method];
	if (!spec) return [`${call.method} is not a method these nodes should call`];
	const problems: string[] = [];
	for (const [key, value] of Object.entries(call.params)) {
		const rule = spec.params[key];
		if (!rule) problems.push(`${call.method}: unknown parameter ${key}`);
		else if (!(typeof value === 'string' && value.startsWith('attach:')) && !rule.check(value)) problems.push(`${call.method}: ${key} is not a valid ${rule.type}: ${JSON.stringify(value)}`);
	}
	for (const [key, rule] of Object.entries(spec.params)) if (rule.required && call.params[key] === undefined) problems.push(`${call.method}: ${key} is required`);
	for (const key of Object.keys(call.files)) if (!spec.files?.includes(key)) problems.push(`${call.method}: no file may be uploaded as ${key}`);
	return problems;
}

export interface FakeBotApi {
	url: string;
	calls: BotApiCall[];
	/** Requests that broke the documented shape; a correct sender leaves this empty. */
	violations: string[];
	/** Answers the next calls of `method` with these, in order, before the documented success. */
	script(method: string, ...answers: ScriptedAnswer[]): void;
	/** Answers every call of `method` with this (e.g. getWebhookInfo reporting a URL). */
	setAnswer(method: string, answer: ScriptedAnswer | undefined): void;
	callsOf(method: string): BotApiCall[];
	reset(): void;
	close(): Promise<void>;
}

/** Starts the fake Bot API; requests whose token is not `token` get the documented 401. */
export async function startFakeBotApi(token: string): Promise<FakeBotApi> {
	const scripts = new Map<string, ScriptedAnswer[]>();
	const fixed = new Map<string, ScriptedAnswer>();
	const calls: BotApiCall[] = [];
	const violations: string[] = [];
	const server: LocalServer = await startLocalServer((request, response) => {
		const call = parseCall(request);
		if (typeof call === 'string') {
			violations.push(call);
			sendJson(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
			return;
		}
		calls.push(call);
		if (call.token !== token) {
			sendJson(response, 401, botApiFixture('error-unauthorized'));
			return;
		}
		const problems = violationsOf(call);
		if (problems.length > 0) {
			violations.push(...problems);
			sendJson(response, 400, { ok: false, error_code: 400, description: `Bad Request: ${problems.join('; ')}` });
			return;
		}
		const answer = scripts.get(call.method)?.shift() ?? fixed.get(call.method);
		if (answer) {
			for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
			if (typeof answer.body === 'string') {
				// What a proxy in front of the Bot API answers: an HTML page.
				response.statusCode = answer.status;
				response.setHeader('content-type', 'text/html');
				response.end(answer.body);
			} else sendJson(response, answer.status, answer.body);
			return;
		}
		sendJson(response, 200, botApiFixture(METHODS[call.method].success));
	});
	return {
		url: server.url,
		calls,
		violations,
		script: (method, ...answers) => scripts.set(method, [...(scripts.get(method) ?? []), ...answers]),
		setAnswer: (method, answer) => (answer ? fixed.set(method, answer) : fixed.delete(method)),
		callsOf: (method) => calls.filter((call) => call.method === method),
		reset: () => {
			calls.splice(0);
			violations.splice(0);
			scripts.clear();
			fixed.clear();
			server.requests.splice(0);
		},
		close: () => server.close(),
	};
}
