import { isolateRefusedInputs } from '../../../core/identity/refused-inputs';
import type { ResolveOutcome } from '../../../core';

const stored = (input: string): ResolveOutcome => ({ customerId: input, created: true, merged: [], attached: [], warnings: [] });

/** A store that refuses every transaction holding one of `bad`, and records what it committed. */
function refusingStore(bad: string[]) {
	const committed: string[] = [];
	let transactions = 0;
	const resolve = async (batch: string[]) => {
		transactions++;
		const refused = batch.find((input) => bad.includes(input));
		if (refused) throw new Error(`cannot store ${refused}\n(simulated)`);
		committed.push(...batch);
		return batch.map(stored);
	};
	return { resolve, committed, transactions: () => transactions };
}

describe('isolating the inputs the store refuses', () => {
	const answers = async () => true;

	it('stores every other input once, in order, and gives each refused one its error', async () => {
		const inputs = Array.from({ length: 100 }, (_, i) => `in${i}`);
		const store = refusingStore(['in37', 'in38', 'in90']);
		const outcomes = await isolateRefusedInputs(inputs, store.resolve, answers);
		expect(outcomes.map((outcome) => outcome.error ?? outcome.customerId)).toEqual(
			inputs.map((input) => (['in37', 'in38', 'in90'].includes(input) ? `the store refused this input: cannot store ${input} (simulated)` : input)),
		);
		expect(store.committed).toEqual(inputs.filter((input) => !['in37', 'in38', 'in90'].includes(input)));
		// Halving: about 2·log2(100) per refused input at most, where one input at a time would take 101.
		expect(store.transactions()).toBeLessThanOrEqual(3 * 2 * Math.ceil(Math.log2(100)));
	});

	it('takes one transaction when nothing is refused', async () => {
		const store = refusingStore([]);
		await isolateRefusedInputs(['a', 'b', 'c'], store.resolve, answers);
		expect(store.transactions()).toBe(1);
	});

	it('throws what the store threw when the store no longer answers, storing nothing more', async () => {
		const store = refusingStore(['b']);
		await expect(isolateRefusedInputs(['a', 'b', 'c'], store.resolve, async () => false)).rejects.toThrow('cannot store b');
		expect(store.committed).toEqual([]);
	});
});
