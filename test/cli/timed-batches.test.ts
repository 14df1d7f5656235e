import { timedBatches } from '../../cli/timed-batches';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function* items(plan: (number | 'pause')[]) {
	for (const step of plan) {
		if (step === 'pause') await pause(300);
		else yield step;
	}
}

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
	const all: T[][] = [];
	for await (const batch of batches) all.push(batch);
	return all;
}

describe('timed batches', () => {
	it('cuts full batches from a fast input', async () => {
		const plan = Array.from({ length: 25 }, (_, i) => i);
		expect((await collect(timedBatches(items(plan), 10, 100))).map((batch) => batch.length)).toEqual([10, 10, 5]);
	});

	it('cuts a batch when the input pauses, so nothing waits for the next items', async () => {
		expect(await collect(timedBatches(items([1, 2, 3, 'pause', 4, 'pause', 'pause', 5, 6]), 10, 100))).toEqual([[1, 2, 3], [4], [5, 6]]);
	});

	it('hands each batch over before the input goes on', async () => {
		const seen: string[] = [];
		async function* logged() {
			for (const step of [1, 2, 'pause', 3] as const) {
				if (step === 'pause') await pause(300);
				else {
					seen.push(`read ${step}`);
					yield step;
				}
			}
		}
		for await (const batch of timedBatches(logged(), 10, 100)) seen.push(`batch ${batch.join(',')}`);
		expect(seen).toEqual(['read 1', 'read 2', 'batch 1,2', 'read 3', 'batch 3']);
	});

	it('closes its source when the consumer stops, even while waiting for the next item', async () => {
		let closed = false;
		let served = 0;
		// One item, then an input that never writes again (a terminal, a stalled pipe).
		const source: AsyncIterable<number> = {
			[Symbol.asyncIterator]: () => ({
				next: () => (served++ ? new Promise<IteratorResult<number>>(() => undefined) : Promise.resolve({ done: false, value: 1 })),
				return: async () => {
					closed = true;
					return { done: true, value: undefined };
				},
			}),
		};
		for await (const batch of timedBatches(source, 10, 50)) {
			expect(batch).toEqual([1]);
			break;
		}
		expect(closed).toBe(true);
	});
});
