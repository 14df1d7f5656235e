import type { HttpResponse } from '../../http/http-client';
import { CrmError } from '../types';

/** HubSpot's error body (ModelError / StandardError), as far as the messages need it. */
export interface HubSpotErrorBody {
	status?: string;
	message?: string;
	category?: string;
	subCategory?: string;
	policyName?: string;
	/** RATE_LIMIT on a 429, where `category` is missing. */
	errorType?: string;
	correlationId?: string;
	context?: Record<string, string[]>;
	errors?: Array<{ message?: string; code?: string; context?: Record<string, string[]> }>;
}

/** One property HubSpot refused, from "Property values were not valid: [{…, "name": "email"}]". */
interface PropertyProblem {
	name?: string;
	message?: string;
	error?: string;
}

export const CREDENTIAL_HINT =
	'Check the HubSpot credential: a private app token needs the scopes crm.objects.contacts.read and crm.objects.contacts.write (and crm.schemas.contacts.read for the field list); an OAuth2 connection, the same scopes granted.';

const bodyOf = (response: HttpResponse): HubSpotErrorBody => (response.body && typeof response.body === 'object' ? (response.body as HubSpotErrorBody) : { message: String(response.body ?? '') });

/** The properties a validation message names, read from the JSON list HubSpot puts in it. */
export function propertyProblems(message: string | undefined): PropertyProblem[] {
	const list = /\[\s*\{.*\}\s*\]/s.exec(message ?? '')?.[0];
	if (list) {
		try {
			return (JSON.parse(list) as PropertyProblem[]).filter((problem) => problem && typeof problem === 'object');
		} catch {
			// Not JSON after all: read the message as it is below.
		}
	}
	const missing = /Property "([^"]+)" does not exist/i.exec(message ?? '');
	return missing ? [{ name: missing[1], error: 'PROPERTY_DOESNT_EXIST' }] : [];
}

/** A refusal of a contact's values in words: which property, and what HubSpot said of it. */
export function validationMessage(what: string, body: HubSpotErrorBody): string {
	const problems = propertyProblems(body.message);
	if (!problems.length) return `HubSpot refused ${what}: ${body.message ?? 'the values are not valid'}`;
	const said = problems.map((problem) => {
		if (problem.error === 'PROPERTY_DOESNT_EXIST') return `the property '${problem.name}' does not exist`;
		return `the property '${problem.name}' is not valid${problem.message ? ` (${problem.message})` : ''}`;
	});
	return `HubSpot refused ${what}: ${said.join('; ')}. Check the field mapping.`;
}

/** The scopes a 403 says are missing, when it says. */
function missingScopes(body: HubSpotErrorBody): string[] {
	const scopes = (body.errors ?? []).flatMap((error) => Object.values(error.context ?? {}).flat());
	return [...new Set(scopes.filter((scope) => /^crm\.|^[a-z]+(\.[a-z_-]+)+$/.test(scope)))];
}

/**
 * The daily limit lasts until midnight where the account is: the message says so, and how large
 * the allowance is when HubSpot's X-HubSpot-RateLimit-Daily header tells.
 */
function dailyLimitError(response: HttpResponse, what: string, details: CrmError['details']): CrmError {
	const allowance = Number(response.headers['x-hubspot-ratelimit-daily']);
	const limit = allowance > 0 ? ` of ${allowance.toLocaleString('en-US')} requests` : '';
	return new CrmError('hubspot', `HubSpot refused ${what}: the account has used up its daily API limit${limit}. It resets at midnight in the HubSpot account's time zone; until then every request is refused, so this one was not retried.`, {
		...details,
		hint: "Run the workflow again after midnight in the account's time zone (Settings > Account Defaults), sync fewer records a day, or raise the limit with HubSpot's API limit increase.",
	});
}

/**
 * A HubSpot answer that is not a success, as a CrmError whose message says what happened and
 * whose hint says what to do. `what` names the request's subject: "the contact", "the note".
 * `details.code` is HubSpot's own: the category (VALIDATION_ERROR, MISSING_SCOPES, …) or, for a
 * 429, the limit's policy name (TEN_SECONDLY_ROLLING, DAILY).
 */
export function hubspotError(response: HttpResponse, what: string): CrmError {
	const body = bodyOf(response);
	const code = response.status === 429 ? (body.policyName ?? body.errorType ?? body.category) : (body.category ?? body.errorType);
	const details = { status: response.status, code, body };
	if (response.status === 401) {
		return new CrmError('hubspot', 'HubSpot did not accept the credential (401): the token is wrong, expired or revoked', { ...details, hint: CREDENTIAL_HINT });
	}
	if (response.status === 403) {
		const scopes = missingScopes(body);
		const message = scopes.length ? `HubSpot refused ${what}: the credential lacks the scope ${scopes.join(' or ')}` : `HubSpot refused ${what}: the credential is not allowed to do this (403)`;
		return new CrmError('hubspot', message, { ...details, hint: CREDENTIAL_HINT });
	}
	if (response.status === 429 && body.policyName === 'DAILY') return dailyLimitError(response, what, details);
	if (response.status === 429) {
		const policy = body.policyName ?? 'rate';
		return new CrmError('hubspot', `HubSpot is limiting requests (${policy} limit) and still was after several tries`, {
			...details,
			hint: 'Other apps or workflows share the account\'s limit: run fewer items at once, or add a Wait node before this one.',
		});
	}
	if (response.status === 400 && (body.category === 'VALIDATION_ERROR' || propertyProblems(body.message).length)) {
		return new CrmError('hubspot', validationMessage(what, body), { ...details, hint: 'Map only properties that exist on HubSpot contacts, with values of their type (options by their internal value).' });
	}
	if (response.status >= 500) {
		return new CrmError('hubspot', `HubSpot failed to answer (${response.status}) for ${what}`, { ...details, hint: 'HubSpot had a problem of its own; try again later.' });
	}
	return new CrmError('hubspot', `HubSpot refused ${what} (${response.status}): ${body.message ?? 'no reason given'}`, details);
}
