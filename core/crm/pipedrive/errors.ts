import type { HttpResponse } from '../../http/http-client';
import { CrmError } from '../types';

/** Pipedrive's answer when it refuses: `{success: false, error, error_info}` (v1 and v2 alike). */
interface PipedriveFailure {
	error?: string;
	error_info?: string;
	code?: string;
}

function failureOf(body: unknown): PipedriveFailure {
	if (!body || typeof body !== 'object') return {};
	const { error, error_info: errorInfo, code } = body as Record<string, unknown>;
	return {
		error: typeof error === 'string' && error.trim() ? error.trim() : undefined,
		error_info: typeof errorInfo === 'string' && errorInfo.trim() ? errorInfo.trim() : undefined,
		code: typeof code === 'string' ? code : undefined,
	};
}

/** Pipedrive's own words, when it gave any ("Unauthorized access"), else the bare status. */
function pipedriveSays(failure: PipedriveFailure, status: number): string {
	return failure.error ?? `HTTP ${status} without an explanation`;
}

/** The first field we sent that Pipedrive's explanation names, so the message can point at the mapping. */
function fieldNamed(failure: PipedriveFailure, sentFields: string[]): string | undefined {
	const text = `${failure.error ?? ''} ${failure.error_info ?? ''}`;
	return [...sentFields].sort((a, b) => b.length - a.length).find((field) => new RegExp(`(^|[^\\w])${field}([^\\w]|$)`).test(text));
}

/**
 * A refused or failed request as a CrmError that says what to fix. `action` is what was being
 * done ("update the person 1042"); `sentFields` the body's keys, custom field keys included.
 */
export function pipedriveError(response: HttpResponse, action: string, sentFields: string[] = [], retries = 0): CrmError {
	const { status } = response;
	const failure = failureOf(response.body);
	const says = pipedriveSays(failure, status);
	const details = { status, code: failure.code ?? failure.error, body: response.body };
	if (status === 401) {
		return new CrmError('pipedrive', `Pipedrive did not accept the credential while trying to ${action} (${says}). Check the Pipedrive API token in the credential, or reconnect the Pipedrive OAuth2 credential.`, {
			...details,
			hint: 'The API token is under Personal preferences > API in Pipedrive; it changes when someone regenerates it.',
		});
	}
	if (status === 402) {
		return new CrmError('pipedrive', `Pipedrive refused to ${action}: the company account is not active (${says}). Check the Pipedrive subscription.`, details);
	}
	if (status === 403) {
		return new CrmError('pipedrive', `Pipedrive refused to ${action}: the Pipedrive user of this credential lacks the permission (${says}). Ask a Pipedrive admin to grant it, or connect as a user who has it.`, {
			...details,
			hint: 'With OAuth2 the Pipedrive app also needs the scopes for contacts and activities (contacts:full, activities:full).',
		});
	}
	if (status === 404) {
		return new CrmError('pipedrive', `Pipedrive found nothing to ${action} (${says}). The record may have been deleted, or the API base URL is not Pipedrive's.`, details);
	}
	if (status === 429) {
		return new CrmError('pipedrive', `Pipedrive is limiting how many requests this account makes and still was after ${retries} ${retries === 1 ? 'retry' : 'retries'}, while trying to ${action}. Try again in a minute, or run fewer items at once.`, details);
	}
	if (status >= 500) {
		return new CrmError('pipedrive', `Pipedrive failed to ${action} (HTTP ${status}: ${says}). This is on Pipedrive's side: try again in a few minutes.`, details);
	}
	if (status === 400 || status === 422) {
		const field = fieldNamed(failure, sentFields);
		const why = failure.error_info && failure.error_info !== failure.error && !/readme\.io|developers\.pipedrive/.test(failure.error_info) ? `${says}: ${failure.error_info}` : says;
		const where = field ? ` The field '${field}' is the one Pipedrive did not accept: check the field mapping.` : ' Check the field mapping and the values sent.';
		return new CrmError('pipedrive', `Pipedrive refused to ${action}: ${why}.${where}`, details);
	}
	return new CrmError('pipedrive', `Pipedrive answered HTTP ${status} while trying to ${action}: ${says}.`, details);
}

/** No answer at all (DNS, TLS, timeout): the message says where we tried to go, never with credentials. */
export function pipedriveUnreachable(error: unknown, action: string, baseUrl: string): CrmError {
	// Some clients put the request URL in their message: never the API token with it.
	const reason = (error instanceof Error ? error.message : String(error)).replace(/api_token=[^&\s]+/g, 'api_token=***');
	return new CrmError('pipedrive', `Pipedrive could not be reached at ${baseUrl} to ${action} (${reason}). Check the network, and the API base URL if one is set.`);
}
