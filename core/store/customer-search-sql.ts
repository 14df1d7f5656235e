import type { Identity } from '../model';
import { iso } from './customer-sql';
import type { SqlClient } from './database';

/** The statement that finds customers by part of an identifier or of their name: what a person picks from a list. */

/** A customer as a list shows it: enough to recognise them, not their history. */
export interface CustomerSummary {
	id: string;
	name?: string;
	createdAt: string;
	identities: Identity[];
	/** The customers merged into this one that a merge can still be undone for. */
	mergedFrom: string[];
}

export interface CustomerSearch {
	/** At most this many customers (1 to 200). */
	limit: number;
	/** Only customers older than this one: the `next` of the previous page. */
	after?: string;
	/** Only customers with another merged into them (what Unmerge can undo). */
	withMerges?: boolean;
}

export interface CustomerSearchPage {
	customers: CustomerSummary[];
	/** Where the next page starts, when there is one. */
	next?: string;
}

const PHONE_LIKE = /^\+?[\d\s().-]+$/;
const LIKE_SPECIAL = /[\\%_]/g;

/**
 * The LIKE patterns that find `text`: as typed, lower-cased; and when it reads as a phone,
 * its digits alone, so "+55 11 98765" or "(11) 98765-4321" finds +5511987654321 and the
 * WhatsApp id 5511987654321 (a national trunk 0 dropped: "011 98765" finds them too).
 */
export function searchPatterns(text: string): string[] {
	const typed = text.trim().toLowerCase();
	if (!typed) return [];
	const patterns = [typed];
	if (PHONE_LIKE.test(typed)) {
		const digits = typed.replace(/\D/g, '');
		const national = digits.replace(/^0+/, '') || digits;
		if (national && national !== typed) patterns.push(national);
	}
	return patterns.map((pattern) => `%${pattern.replace(LIKE_SPECIAL, '\\$&')}%`);
}

/**
 * Live customers (not merged into another; forgotten ones are gone) whose name or any
 * identifier contains `text`, ignoring case; every live customer for an empty text. Newest
 * first: ids are UUIDv7, so the id orders by creation and is the cursor of the next page.
 * A contains-search reads the whole identifier table; it serves the editor's lists, not flows.
 */
export async function searchCustomers(db: SqlClient, text: string, { limit, after, withMerges = false }: CustomerSearch): Promise<CustomerSearchPage> {
	const size = Math.min(Math.max(Math.trunc(limit) || 1, 1), 200);
	const rows = await db.query<{ id: string; created_at: Date | string; name: string | null; identities: Identity[]; merged_from: string[] }>(
		`SELECT p.id, p.created_at, p.traits->>'name' AS name,
		   (SELECT coalesce(json_agg(json_build_object('kind', i.kind, 'value', i.value) ORDER BY i.created_at, i.kind, i.value), '[]'::json)
		      FROM identifiers i WHERE i.customer_id = p.id) AS identities,
		   (SELECT coalesce(json_agg(m.source_id ORDER BY m.id), '[]'::json)
		      FROM merges m WHERE m.target_id = p.id AND m.unmerged_at IS NULL) AS merged_from
		 FROM customers p
		 WHERE p.merged_into IS NULL
		   AND ($2::uuid IS NULL OR p.id < $2::uuid)
		   AND (cardinality($1::text[]) = 0
		        OR lower(p.traits->>'name') LIKE ANY ($1::text[])
		        OR EXISTS (SELECT 1 FROM identifiers i WHERE i.customer_id = p.id AND lower(i.value) LIKE ANY ($1::text[])))
		   AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM merges m WHERE m.target_id = p.id AND m.unmerged_at IS NULL))
		 ORDER BY p.id DESC
		 LIMIT $4`,
		[searchPatterns(text), after ?? null, withMerges, size + 1],
	);
	const customers = rows.slice(0, size).map((row) => ({
		id: row.id,
		...(row.name ? { name: row.name } : {}),
		createdAt: iso(row.created_at),
		identities: row.identities,
		mergedFrom: row.merged_from,
	}));
	return rows.length > size ? { customers, next: customers[customers.length - 1].id } : { customers };
}
