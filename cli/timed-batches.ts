/**
 * Groups the items of `source` into batches of at most `size`, and cuts a batch early once its
 * first item has waited `maxWaitMs` for more: a fast input goes through in full batches, a slow
 * one (a pipe that writes a line now and then) is still answered within about `maxWaitMs`.
 */
export async function* timedBatches<T>(source: AsyncIterable<T>, size: number, maxWaitMs: number): AsyncGenerator<T[]> {
	const iterator = source[Symbol.asyncIterator]();
	let next = iterator.next();
	let batch: T[] = [];
	let deadline = 0;
	try {
		for (;;) {
			const result = batch.length ? await beforeDeadline(next, deadline) : await next;
			if (result === 'late') {
				// `next` is still pending: it opens the following batch.
				yield batch;
				batch = [];
				continue;
			}
			if (result.done) break;
			if (!batch.length) deadline = Date.now() + maxWaitMs;
			batch.push(result.value);
			next = iterator.next();
			if (batch.length >= size) {
				yield batch;
				batch = [];
			}
		}
		if (batch.length) yield batch;
	} finally {
		// When the consumer stops early (the store failed), the source stops reading too.
		await iterator.return?.();
	}
}

/** `pending`'s result, or "late" when it doesn't come before `deadline` (epoch ms). */
async function beforeDeadline<T>(pending: Promise<T>, deadline: number): Promise<T | 'late'> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<'late'>((resolve) => {
		timer = setTimeout(() => resolve('late'), Math.max(0, deadline - Date.now()));
	});
	try {
		return await Promise.race([pending, late]);
	} finally {
		clearTimeout(timer);
	}
}
