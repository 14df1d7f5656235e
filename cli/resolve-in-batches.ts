import type { CustomerGraph, ForgottenPolicy, ResolveInput, ResolveOutcome, StoreConfig } from '../core';
import { storeFailure } from './store-option';

/** Inputs per CustomerGraph.resolve call, i.e. per transaction: large files stream through in steps this size. */
export const BATCH_SIZE = 500;

/**
 * Resolves a batch in one transaction: an input the store refuses (while the store still
 * answers) gets an error outcome of its own and the others go on (see isolateRefusedInputs);
 * when the store itself is failing, this throws.
 */
export async function resolveInBatch(graph: CustomerGraph, config: StoreConfig, inputs: ResolveInput[], defaultCountry?: string, policy: ForgottenPolicy = {}): Promise<ResolveOutcome[]> {
	try {
		return await graph.resolveIsolatingRefused(inputs, defaultCountry, policy);
	} catch (error) {
		throw storeFailure(config, error);
	}
}
