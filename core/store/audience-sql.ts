import type { Channel, ConsentPurpose, Identity, Traits } from '../model';
import { iso } from './customer-sql';
import type { SqlClient } from './database';

/**
 * The statement that selects an audience: live customers by traits, tags, channels, consent
 * and last contact, a page at a time. One statement per page, every condition a look-up of
 * the customer's own rows by index, so a page costs the same on the first and the millionth
 * customer.
 */

export interface TraitEquals {
	name: string;
	/** Compared as text: the trait 30 equals "30", true equals "true". */
	value: string;
}

/** `subscribed`: the latest change that covers the channel and purpose says subscribed; `notUnsubscribed`: none says unsubscribed (no change at all counts). */
export type ConsentRule = 'subscribed' | 'notUnsubscribed';

export interface ConsentCondition {
	channel: Channel;
	purpose: ConsentPurpose;
	rule: ConsentRule;
}

export interface AudienceFilter {
	traitEquals?: TraitEquals[];
	/** Traits that must be set (not missing, not null). */
	traitExists?: string[];
	/** Tags from the `tags` trait (a list, or text separated by commas), compared ignoring case. */
	tags?: { values: string[]; match: 'all' | 'any' };
	/** Seen on at least one of these channels (an event of the customer's history on it). */
	channels?: Channel[];
	/** Every condition holds. A channel's `all` purpose counts for marketing and transactional alike. */
	consent?: ConsentCondition[];
	/** The last contact (the latest event in the history that is not a delivery status) within these bounds; customers never contacted match none. */
	lastContact?: { after?: string; before?: string; direction?: 'inbound' | 'outbound' };
}

/** A customer as an audience lists it: enough to address and personalize a message. */
export interface AudienceMember {
	id: string;
	name?: string;
	createdAt: string;
	traits: Traits;
	identities: Identity[];
	lastContactAt?: string;
}

export interface AudiencePage {
	customers: AudienceMember[];
	/** The cursor of the next page, when there is one. */
	next?: string;
}

/** The largest page: bigger pages hold more in memory for no fewer round trips worth having. */
export const MAX_AUDIENCE_PAGE = 1000;

/**
 * A page of the audience, oldest customer first (ids are UUIDv7): customers created while an
 * audience is paged through come after the cursor and are listed too. Merged customers never
 * are: what they had is in the customer they went into. `after` is the `next` of the previous page.
 *
 * Each condition on another table is a sub-select of the customer's own rows; the OFFSET 0 and
 * LIMIT keep the planner from turning them into joins over whole tables, whatever its statistics.
 */
export async function listAudience(db: SqlClient, filter: AudienceFilter, { limit, after }: { limit: number; after?: string }): Promise<AudiencePage> {
	const size = Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_AUDIENCE_PAGE);
	const traitEquals = filter.traitEquals ?? [];
	const consent = filter.consent ?? [];
	const tags = (filter.tags?.values ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean);
	const rows = await db.query<{ id: string; created_at: Date | string; traits: Traits; identities: Identity[]; last_contact_at: Date | string | null }>(
		`SELECT p.id, p.created_at, p.traits, last_contact.at AS last_contact_at,
		   (SELECT coalesce(json_agg(json_build_object('kind', i.kind, 'value', i.value) ORDER BY i.created_at, i.kind, i.value), '[]'::json)
		      FROM identifiers i WHERE i.customer_id = p.id) AS identities
		 FROM customers p
		 LEFT JOIN LATERAL (
		   SELECT e.occurred_at AS at FROM events e
		   WHERE e.customer_id = p.id AND e.type <> 'status' AND ($11::text IS NULL OR e.direction = $11)
		   ORDER BY e.occurred_at DESC LIMIT 1
		 ) last_contact ON true
		 WHERE p.merged_into IS NULL
		   AND ($1::uuid IS NULL OR p.id > $1::uuid)
		   AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS t(name, value) WHERE (p.traits->>t.name) IS DISTINCT FROM t.value)
		   AND NOT EXISTS (SELECT 1 FROM unnest($4::text[]) AS t(name) WHERE coalesce(jsonb_typeof(p.traits->t.name), 'null') = 'null')
		   AND (cardinality($5::text[]) = 0 OR (
		     SELECT CASE WHEN $6::boolean THEN coalesce(array_agg(tag), '{}') @> $5::text[] ELSE coalesce(array_agg(tag), '{}') && $5::text[] END
		     FROM (
		       SELECT lower(btrim(tag)) AS tag FROM jsonb_array_elements_text(CASE jsonb_typeof(p.traits->'tags') WHEN 'array' THEN p.traits->'tags' ELSE '[]'::jsonb END) AS a(tag)
		       UNION ALL
		       SELECT lower(btrim(tag)) FROM unnest(string_to_array(CASE jsonb_typeof(p.traits->'tags') WHEN 'string' THEN p.traits->>'tags' END, ',')) AS s(tag)
		     ) customer_tags))
		   AND (cardinality($7::text[]) = 0 OR EXISTS (SELECT 1 FROM events e WHERE e.customer_id = p.id AND e.channel = ANY ($7::text[]) OFFSET 0))
		   AND NOT EXISTS (
		     SELECT 1 FROM unnest($8::text[], $9::text[], $10::text[]) AS c(channel, purpose, rule)
		     LEFT JOIN LATERAL (
		       SELECT cc.state FROM consent_changes cc
		       WHERE cc.customer_id = p.id AND cc.channel = c.channel AND cc.purpose IN (c.purpose, 'all')
		       ORDER BY cc.changed_at DESC, cc.id DESC LIMIT 1
		     ) latest ON true
		     WHERE CASE c.rule WHEN 'subscribed' THEN latest.state IS DISTINCT FROM 'subscribed' ELSE latest.state = 'unsubscribed' END)
		   AND ($12::timestamptz IS NULL OR last_contact.at >= $12::timestamptz)
		   AND ($13::timestamptz IS NULL OR last_contact.at < $13::timestamptz)
		 ORDER BY p.id
		 LIMIT $14`,
		[
			after ?? null,
			traitEquals.map((trait) => trait.name),
			traitEquals.map((trait) => trait.value),
			filter.traitExists ?? [],
			tags,
			filter.tags?.match !== 'any',
			filter.channels ?? [],
			consent.map((condition) => condition.channel),
			consent.map((condition) => condition.purpose),
			consent.map((condition) => condition.rule),
			filter.lastContact?.direction ?? null,
			filter.lastContact?.after ?? null,
			filter.lastContact?.before ?? null,
			size + 1,
		],
	);
	const customers = rows.slice(0, size).map((row) => {
		const name = row.traits?.name;
		return {
			id: row.id,
			...(typeof name === 'string' && name ? { name } : {}),
			createdAt: iso(row.created_at),
			traits: row.traits ?? {},
			identities: row.identities,
			...(row.last_contact_at ? { lastContactAt: iso(row.last_contact_at) } : {}),
		};
	});
	return rows.length > size ? { customers, next: customers[customers.length - 1].id } : { customers };
}
