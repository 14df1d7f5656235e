import type { Queue, QueueSla } from '../agents/queue';
import type { BusinessSchedule } from '../routing';
import type { SqlClient } from './database';

/** Statements of the queues: where conversations wait, their hours and their targets. */

interface QueueRow {
	name: string;
	priority: number;
	schedule: BusinessSchedule | null;
	sla: Partial<QueueSla>;
}

const queueOf = (row: QueueRow): Queue => ({
	name: row.name,
	priority: row.priority,
	...(row.schedule ? { schedule: row.schedule } : {}),
	sla: { businessHours: true, ...row.sla },
});

/** Inserts or updates these queues by name, in one statement. */
export async function upsertQueues(db: SqlClient, queues: Queue[]): Promise<{ created: number; updated: number }> {
	if (!queues.length) return { created: 0, updated: 0 };
	const rows = await db.query<{ created: boolean }>(
		`INSERT INTO queues AS q (name, priority, schedule, sla)
		 SELECT r.name, r.priority, r.schedule, r.sla FROM jsonb_to_recordset($1::jsonb) AS r(name text, priority int, schedule jsonb, sla jsonb)
		 ON CONFLICT (name) DO UPDATE SET priority = EXCLUDED.priority, schedule = EXCLUDED.schedule, sla = EXCLUDED.sla, updated_at = now()
		 RETURNING (xmax = 0) AS created`,
		[JSON.stringify(queues.map((queue) => ({ ...queue, schedule: queue.schedule ?? null })))],
	);
	const created = rows.filter((row) => row.created).length;
	return { created, updated: rows.length - created };
}

/** Every queue, higher priority first, then by name. */
export async function selectQueues(db: SqlClient): Promise<Queue[]> {
	const rows = await db.query<QueueRow>('SELECT name, priority, schedule, sla FROM queues ORDER BY priority DESC, name');
	return rows.map(queueOf);
}
