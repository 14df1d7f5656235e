import type { HttpResponse } from '../../http/http-client';
import { ProviderError } from '../provider-error';
import { twilioErrorDocs, twilioErrorHint } from './error-codes';

/** What Twilio's REST API answers when it refuses a request (https://www.twilio.com/docs/usage/troubleshooting/debugging-your-application). */
export interface TwilioErrorBody {
	code?: number;
	message?: string;
	more_info?: string;
	status?: number;
}

/** A Twilio refusal as a ProviderError with Twilio's code and what to do about it. */
export function twilioSendError(response: HttpResponse, action: string): ProviderError {
	const body = typeof response.body === 'object' && response.body !== null ? (response.body as TwilioErrorBody) : undefined;
	const code = typeof body?.code === 'number' ? body.code : undefined;
	const said = body?.message?.trim() || `Twilio answered HTTP ${response.status}`;
	const docs = body?.more_info ?? (code === undefined ? undefined : twilioErrorDocs(code));
	const fallback =
		response.status === 401 || response.status === 403
			? twilioErrorHint(20003)
			: response.status === 429
				? twilioErrorHint(20429)
				: response.status >= 500
					? 'Twilio is having trouble right now and did not recover after several tries. Run the workflow again in a few minutes.'
					: undefined;
	const hint = (code !== undefined ? twilioErrorHint(code) : undefined) ?? fallback ?? (docs ? `See ${docs} for what this error means and how to fix it.` : undefined);
	return new ProviderError('twilio', `Twilio could not ${action}: ${said}`, {
		status: response.status,
		code,
		hint,
		body: body ?? { message: typeof response.body === 'string' ? response.body.slice(0, 500) : said },
	});
}
