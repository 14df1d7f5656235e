import { asText, isRecord } from '../shared/json-body';

/**
 * The Graph API's error body, `{ error: { message, type, code, error_subcode, fbtrace_id } }`
 * (with `error_user_title`, `error_user_msg`, `is_transient` and WhatsApp's
 * `error_data.details` where Meta adds them), as every Meta channel reads it.
 */
export interface GraphError {
	message?: string;
	type?: string;
	code?: number;
	subcode?: number;
	/** WhatsApp's `error_data.details`: which field or value Meta refused. */
	details?: string;
	title?: string;
	userMessage?: string;
	transient?: boolean;
	/** `fbtrace_id`, the id Meta support asks for. */
	traceId?: string;
}

function numeric(value: unknown): number | undefined {
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
	return number !== undefined && Number.isFinite(number) ? number : undefined;
}

/** Meta's error from a response body, when there is one. */
export function graphErrorOf(body: unknown): GraphError | undefined {
	if (!isRecord(body) || !isRecord(body.error)) return undefined;
	const error = body.error;
	const data = isRecord(error.error_data) ? error.error_data : {};
	return {
		message: asText(error.message),
		type: asText(error.type),
		code: numeric(error.code),
		subcode: numeric(error.error_subcode),
		details: asText(data.details),
		title: asText(error.error_user_title),
		userMessage: asText(error.error_user_msg),
		transient: error.is_transient === true,
		traceId: asText(error.fbtrace_id),
	};
}
