import type { SqlClient } from './database';

/** Whether the store still answers: tells an input it refused from a store that is failing. */
export async function storeAnswers(db: SqlClient): Promise<boolean> {
	try {
		await db.query('SELECT 1');
		return true;
	} catch {
		return false;
	}
}
