import { customerTables } from './customer-tables';
import type { Database } from './database';

/** The tables that hold customers, or what stays of forgotten ones: what compacting the store rewrites. */
export function dataTables(): string[] {
	return ['customers', ...customerTables().flatMap((table) => [table.table, ...(table.dependents ?? [])]), 'merges', 'forgotten_events', 'forgotten_identifiers'];
}

/** The tables to compact after these deletions: those that lost rows, and their dependents. */
export function tablesToCompact(deleted: Record<string, number>): string[] {
	const dependents = new Map(customerTables().map((table) => [table.table, table.dependents ?? []]));
	return Object.keys(deleted)
		.filter((table) => deleted[table] > 0)
		.flatMap((table) => [table, ...(dependents.get(table) ?? [])]);
}

/** The statement that compacts these tables (names from this package, never from input). */
export function vacuumFullSql(tables: string[]): string {
	const bad = tables.find((table) => !/^[a-z_]+$/.test(table));
	if (bad !== undefined || !tables.length) throw new Error(`cannot compact tables ${JSON.stringify(tables)}`);
	return `VACUUM FULL ${tables.join(', ')}`;
}

/** Rewrites every data table of the store, so that deleted rows leave its files; says how long it took. */
export async function compactStore(db: Database): Promise<{ tables: string[]; seconds: number }> {
	const started = process.hrtime.bigint();
	const tables = dataTables();
	await db.compact(tables);
	return { tables, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
