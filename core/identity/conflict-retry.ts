/** Thrown inside a transaction when what it read changed before it could lock it. */
export class StaleReadError extends Error {
	constructor() {
		super('the customers changed while this batch was being resolved');
	}
}

// unique_violation, serialization_failure, deadlock_detected: another worker got there first.
const CONFLICT_CODES = new Set(['23505', '40001', '40P01']);

function isConflict(error: unknown): boolean {
	return error instanceof StaleReadError || CONFLICT_CODES.has((error as { code?: string })?.code ?? '');
}

/** Runs a transaction again, after a short random pause, when it lost a race with another worker. */
export async function withConflictRetry<T>(transaction: () => Promise<T>, attempts = 20): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await transaction();
		} catch (error) {
			if (!isConflict(error) || attempt >= attempts) throw error;
			await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));
		}
	}
}
