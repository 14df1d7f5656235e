import { CrmError } from '../types';
import { callSalesforce } from './api';
import { dataPath, type SalesforceConfig } from './config';
import { isDailyLimitError } from './errors';

/** Salesforce's limit of subrequests in one composite request. */
export const COMPOSITE_LIMIT = 25;

export interface Subrequest {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** Under /services/data/<version>. */
	path: string;
	body?: Record<string, unknown>;
	referenceId: string;
}

export interface Subresponse {
	httpStatusCode: number;
	body: unknown;
	referenceId: string;
}

interface CompositeAnswer {
	compositeResponse?: Subresponse[];
}

/**
 * Sends the subrequests in composite calls of up to 25, each independent of the others
 * (allOrNone false). The answer of each, by referenceId; a call refused as a whole (session,
 * daily limit) answers its CrmError for each of its subrequests.
 */
export async function sendComposite(config: SalesforceConfig, subrequests: Subrequest[]): Promise<Map<string, Subresponse | CrmError>> {
	const answers = new Map<string, Subresponse | CrmError>();
	for (let start = 0; start < subrequests.length; start += COMPOSITE_LIMIT) {
		const chunk = subrequests.slice(start, start + COMPOSITE_LIMIT);
		const compositeRequest = chunk.map(({ method, path, body, referenceId }) => ({ method, url: `${dataPath(config)}${path}`, referenceId, ...(body ? { body } : {}) }));
		try {
			const response = await callSalesforce<CompositeAnswer>(config, { method: 'POST', path: '/composite', json: { allOrNone: false, compositeRequest }, subject: 'the contacts' });
			for (const answer of response.body.compositeResponse ?? []) answers.set(answer.referenceId, answer);
		} catch (error) {
			if (!(error instanceof CrmError)) throw error;
			// Past the daily limit the next calls would be refused as well: the rest share this answer, unsent.
			const refused = isDailyLimitError(error) ? subrequests.slice(start) : chunk;
			for (const { referenceId } of refused) answers.set(referenceId, error);
			if (refused !== chunk) break;
		}
	}
	return answers;
}
