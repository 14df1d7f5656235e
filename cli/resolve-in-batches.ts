import type { CustomerGraph, ForgottenPolicy, ResolveInput, ResolveOutcome, StoreConfig } from '../core';
import { CliError } from './cli-io';
import { storeFailure } from './store-option';

/** Inputs per CustomerGraph.resolve call, i.e. per transaction: large files stream through in steps this size. */
export const BATCH_SIZE = 500;

async function storeAnswers(graph: CustomerGraph): Promise<boolean> {
	try {
		await graph.db.query('SELECT 1');
		return true;
	} catch {
		return false;
	}
}

/**
 * Resolves a batch in one transaction. If the transaction fails, the batch is retried one input
 * at a time: an input the store refuses (while the store still answers) gets an error outcome of
 * its own and the others go on; when the store itself is failing, this throws.
 */
export async function resolveInBatch(graph: CustomerGraph, config: StoreConfig, inputs: ResolveInput[], defaultCountry?: string, policy: ForgottenPolicy = {}): Promise<ResolveOutcome[]> {
	if (!inputs.length) return [];
	try {
		return await graph.resolve(inputs, defaultCountry, policy);
	} catch (error) {
		if (error instanceof CliError) throw error;
		if (inputs.length > 1) {
			const outcomes: ResolveOutcome[] = [];
			for (const input of inputs) outcomes.push(...(await resolveInBatch(graph, config, [input], defaultCountry, policy)));
			return outcomes;
		}
		if (!(await storeAnswers(graph))) throw storeFailure(config, error);
		const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
		return [{ created: false, merged: [], attached: [], warnings: [], error: `the store refused this input: ${reason}` }];
	}
}
