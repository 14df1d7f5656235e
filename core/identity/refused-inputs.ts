import type { ResolveOutcome } from './batch-plan';

/** The outcome of an input the store refused on its own: nothing of it was stored. */
export function refusedOutcome(error: unknown): ResolveOutcome {
	const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
	return { created: false, merged: [], attached: [], warnings: [], error: `the store refused this input: ${reason}` };
}

/**
 * Resolves `inputs` in one transaction. When the store refuses it while it still answers, the
 * batch was rolled back whole, so it is resolved again in halves, and each half that fails in
 * halves again, in order: every input the store accepts is stored exactly once, and one it
 * refuses alone gets an error outcome, with nothing of it stored. Halving finds a bad input
 * among n in about 2·log2(n) transactions, where one input at a time would take n. When the
 * store itself fails (it no longer answers), this throws what it threw.
 */
export async function isolateRefusedInputs<Input>(
	inputs: Input[],
	resolve: (batch: Input[]) => Promise<ResolveOutcome[]>,
	storeAnswers: () => Promise<boolean>,
): Promise<ResolveOutcome[]> {
	if (!inputs.length) return [];
	try {
		return await resolve(inputs);
	} catch (error) {
		if (!(await storeAnswers())) throw error;
		if (inputs.length === 1) return [refusedOutcome(error)];
		const middle = Math.ceil(inputs.length / 2);
		const first = await isolateRefusedInputs(inputs.slice(0, middle), resolve, storeAnswers);
		return [...first, ...(await isolateRefusedInputs(inputs.slice(middle), resolve, storeAnswers))];
	}
}
