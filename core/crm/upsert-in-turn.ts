import { CrmError, type CrmUpsert, type CrmUpsertResult } from './types';

/**
 * Upserts one contact after the other, for CRMs without a batch endpoint: a contact the CRM
 * refuses is that input's error and the others go on; anything else (the CRM unreachable, a
 * bug) stops the batch.
 */
export async function upsertInTurn(inputs: CrmUpsert[], upsertOne: (input: CrmUpsert) => Promise<CrmUpsertResult>): Promise<CrmUpsertResult[]> {
	const results: CrmUpsertResult[] = [];
	for (const input of inputs) {
		try {
			results.push(await upsertOne(input));
		} catch (error) {
			if (!(error instanceof CrmError)) throw error;
			results.push({ ok: false, error });
		}
	}
	return results;
}
