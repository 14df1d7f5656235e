import type { Database } from './database';
import { quoteIdentifier } from './sql-identifier';

/**
 * The schema, as numbered steps; each runs once per store, in order, in one transaction.
 * Append new steps, never edit a released one.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
	{
		version: 1,
		name: 'identity graph',
		sql: `
-- Customer ids are UUIDv7: they sort by creation time, and the oldest customer survives merges.
CREATE TABLE profiles (
	id uuid PRIMARY KEY,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	traits jsonb NOT NULL DEFAULT '{}',
	merged_into uuid REFERENCES profiles (id),
	merged_at timestamptz
);
CREATE INDEX profiles_merged_into ON profiles (merged_into) WHERE merged_into IS NOT NULL;

-- Every identifier points at a customer that is not merged into another (merges move them).
CREATE TABLE identities (
	kind text NOT NULL,
	value text NOT NULL,
	profile_id uuid NOT NULL REFERENCES profiles (id),
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (kind, value)
);
CREATE INDEX identities_profile ON identities (profile_id);

-- The history: one row per channel event, recorded once however often it is delivered.
-- No foreign key on profile_id: rows are only written, moved and deleted together with
-- their customer, in one transaction, and the check would cost a quarter of the insert.
CREATE TABLE events (
	profile_id uuid NOT NULL,
	channel text NOT NULL,
	external_id text NOT NULL,
	type text NOT NULL,
	direction text NOT NULL,
	occurred_at timestamptz NOT NULL,
	-- json, not jsonb: kept as written and never queried inside, it is cheaper to store.
	body json NOT NULL,
	PRIMARY KEY (channel, external_id)
);
CREATE INDEX events_profile_time ON events (profile_id, occurred_at DESC);

-- The audit of every merge, with what moved, so that it can be undone.
CREATE TABLE merges (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	target_id uuid NOT NULL REFERENCES profiles (id),
	source_id uuid NOT NULL REFERENCES profiles (id),
	reason text NOT NULL,
	evidence jsonb NOT NULL,
	-- [[kind, value], …] and [[channel, external_id], …]: what the merge moved.
	moved_identities jsonb NOT NULL,
	moved_events jsonb NOT NULL,
	target_traits_before jsonb NOT NULL,
	merged_at timestamptz NOT NULL DEFAULT now(),
	unmerged_at timestamptz
);
CREATE INDEX merges_target ON merges (target_id);
CREATE INDEX merges_source ON merges (source_id);

-- Merges, in order, in one round trip: moves everything of each source to its target and
-- audits what moved, so that an unmerge can put it back.
CREATE FUNCTION merge_profiles(sources uuid[], targets uuid[], reasons text[], evidence jsonb[], traits_before jsonb[])
RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
	i int;
	moved_identities jsonb;
	moved_events jsonb;
BEGIN
	FOR i IN 1 .. coalesce(array_length(sources, 1), 0) LOOP
		WITH moved AS (UPDATE identities SET profile_id = targets[i] WHERE profile_id = sources[i] RETURNING kind, value)
		SELECT coalesce(jsonb_agg(jsonb_build_array(kind, value)), '[]') INTO moved_identities FROM moved;
		WITH moved AS (UPDATE events SET profile_id = targets[i] WHERE profile_id = sources[i] RETURNING channel, external_id)
		SELECT coalesce(jsonb_agg(jsonb_build_array(channel, external_id)), '[]') INTO moved_events FROM moved;
		UPDATE profiles SET merged_into = targets[i], merged_at = now(), updated_at = now() WHERE id = sources[i];
		INSERT INTO merges (target_id, source_id, reason, evidence, moved_identities, moved_events, target_traits_before)
		VALUES (targets[i], sources[i], reasons[i], evidence[i], moved_identities, moved_events, traits_before[i]);
	END LOOP;
END $$;

-- What stays of a forgotten customer: hashes of its events' dedupe keys, nothing personal.
CREATE TABLE forgotten_events (
	key_hash text PRIMARY KEY,
	forgotten_at timestamptz NOT NULL DEFAULT now()
);
`,
	},
	{
		version: 2,
		name: 'faster identifier and history keys',
		sql: `
-- Like events: identifiers are only written, moved and deleted together with their customer,
-- in one transaction, and the per-row check halved the speed of inserting them.
ALTER TABLE identities DROP CONSTRAINT identities_profile_id_fkey;
-- Keys are compared byte by byte: they only need equality, never a language's order.
ALTER TABLE identities ALTER COLUMN kind TYPE text COLLATE "C", ALTER COLUMN value TYPE text COLLATE "C";
ALTER TABLE events ALTER COLUMN channel TYPE text COLLATE "C", ALTER COLUMN external_id TYPE text COLLATE "C";
ALTER TABLE forgotten_events ALTER COLUMN key_hash TYPE text COLLATE "C";
`,
	},
	{
		version: 3,
		name: 'delivery ledger',
		sql: `
-- Webhook events already received, so that a provider's redelivery starts nothing, whichever
-- process receives it. Hashed keys; kept as long as providers retry, then pruned.
CREATE TABLE deliveries (
	key_hash text COLLATE "C" PRIMARY KEY,
	received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliveries_received_at ON deliveries (received_at);
`,
	},
	{
		version: 4,
		name: 'keyed tombstones',
		sql: `
-- Settings of the store, each written once. "tombstone_key" (64 random bytes in hex, made on
-- first use, see store/tombstones.ts) keys the tombstones, so that guessing ids can't reverse them.
CREATE TABLE store_settings (
	name text COLLATE "C" PRIMARY KEY,
	value text NOT NULL
);

-- What stays of a forgotten customer's identifiers: tombstones that bulk imports check, so
-- that re-importing an old export does not bring the person back.
CREATE TABLE forgotten_identities (
	key_hash text COLLATE "C" PRIMARY KEY,
	forgotten_at timestamptz NOT NULL DEFAULT now()
);
`,
	},
	{
		version: 5,
		name: 'per-customer tables in the merge audit',
		sql: `
-- What a merge moved, for every per-customer table (store/customer-tables.ts):
-- {"<table>": [[key column values…], …]}. Audits written before keep their two columns, and
-- unmerge reads those as {"identities": …, "events": …}.
ALTER TABLE merges
	ADD COLUMN moved jsonb,
	ALTER COLUMN moved_identities DROP NOT NULL,
	ALTER COLUMN moved_events DROP NOT NULL,
	ADD CONSTRAINT merges_moved_recorded CHECK (moved IS NOT NULL OR (moved_identities IS NOT NULL AND moved_events IS NOT NULL));

-- Merges move rows with statements built from the registry of per-customer tables
-- (store/merge-sql.ts): a function that knows two tables would leave the others behind.
DROP FUNCTION merge_profiles(uuid[], uuid[], text[], jsonb[], jsonb[]);
`,
	},
	{
		version: 6,
		name: 'events keyed with their account',
		sql: `
-- Events carry our account they happened on (bot, Page, number, instance, inbox), and it is
-- part of their key (core/model eventKey): two bots see the same Telegram message ids. The
-- key stays (channel, external_id): from this version on external_id holds
-- "<account>:<provider id>", the event's key within its channel, and the provider's id alone
-- is in the body. Older rows keep the provider id alone, their key then, and have no account
-- here (see insertEvents in store/graph-sql.ts for how their redeliveries are recognised).
-- Account, author type and category are copied from the body for the filters of what comes
-- next (consent, campaigns, first response times); NULL on older rows. Adding columns
-- without a default rewrites nothing; no index until a look-up needs one.
ALTER TABLE events
	ADD COLUMN account text COLLATE "C",
	ADD COLUMN author_type text,
	ADD COLUMN category text;
`,
	},
	{
		version: 7,
		name: 'customers and identifiers',
		sql: `
-- The store speaks as its users do: customers and their identifiers, where earlier versions
-- said profiles and identities. Renames only: the rows stay where they are, so a store of any
-- size migrates at once. JSON already stored keeps its format: merge audits written before
-- name the identifiers table "identities", and are read so (store/customer-tables.ts).
ALTER TABLE profiles RENAME TO customers;
ALTER TABLE identities RENAME TO identifiers;
ALTER TABLE forgotten_identities RENAME TO forgotten_identifiers;
ALTER TABLE identifiers RENAME COLUMN profile_id TO customer_id;
ALTER TABLE events RENAME COLUMN profile_id TO customer_id;
ALTER TABLE merges RENAME COLUMN moved_identities TO moved_identifiers;

ALTER INDEX profiles_merged_into RENAME TO customers_merged_into;
ALTER INDEX identities_profile RENAME TO identifiers_customer;
ALTER INDEX events_profile_time RENAME TO events_customer_time;

-- Constraints were named by PostgreSQL after their tables and columns: keys, foreign keys and,
-- from PostgreSQL 18 on (the embedded store's), NOT NULL too. Renamed by the same rule,
-- whichever of them this server made (a key's index follows its constraint).
DO $$
DECLARE
	old record;
BEGIN
	FOR old IN
		SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
		WHERE connamespace = current_schema()::regnamespace AND conname ~ '(profile|identit)'
	LOOP
		EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', old.tbl, old.conname, replace(replace(old.conname, 'identities', 'identifiers'), 'profile', 'customer'));
	END LOOP;
END $$;
`,
	},
	{
		version: 8,
		name: 'conversations, agents and queues',
		sql: `
-- Queues: where conversations wait for an agent. schedule is a BusinessSchedule
-- (core/routing/schedule.ts; null: always open); sla holds the targets in minutes
-- ({"firstResponse": 5, "nextResponse": 30, "resolution": 1440, "businessHours": true}).
CREATE TABLE queues (
	name text COLLATE "C" PRIMARY KEY,
	priority int NOT NULL DEFAULT 0,
	schedule jsonb,
	sla jsonb NOT NULL DEFAULT '{}',
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- Agents, under the team's own ids (a staff id or an e-mail). capacity per kind of work:
-- {"chat": 3, "call": 1, "email": 10}; a kind not listed is not taken.
CREATE TABLE agents (
	id text COLLATE "C" PRIMARY KEY,
	name text NOT NULL,
	email text,
	skills text[] NOT NULL DEFAULT '{}',
	languages text[] NOT NULL DEFAULT '{}',
	queues text[] NOT NULL DEFAULT '{}',
	capacity jsonb NOT NULL DEFAULT '{}',
	status text NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
	status_changed_at timestamptz NOT NULL DEFAULT now(),
	last_assigned_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- A customer's conversation, whatever the channel. Per-customer data: it follows its customer
-- on merge, unmerge and forget (store/customer-tables.ts). At most one is not resolved per
-- customer, kept so by locking the customer's row; when a merge brings two together, the older
-- is folded into the newer (merged_into) and its events count in the newer's history, so an
-- unmerge only has to unfold it.
CREATE TABLE conversations (
	id uuid PRIMARY KEY,
	customer_id uuid NOT NULL REFERENCES customers (id),
	status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
	snoozed_until timestamptz,
	merged_into uuid REFERENCES conversations (id),
	assignee_id text REFERENCES agents (id) ON DELETE SET NULL,
	queue text COLLATE "C",
	priority text NOT NULL DEFAULT 'normal',
	-- The kind of work whose capacity the assignee uses: chat, call or email.
	kind text NOT NULL DEFAULT 'chat',
	tags text[] NOT NULL DEFAULT '{}',
	opened_at timestamptz NOT NULL,
	first_inbound_at timestamptz,
	first_response_at timestamptz,
	last_channel text,
	-- Per channel: {"whatsapp": {"lastInboundAt": "…", "lastOutboundAt": "…"}}.
	channels jsonb NOT NULL DEFAULT '{}',
	channel_switches int NOT NULL DEFAULT 0,
	-- Since when the customer has waited for an agent's reply; null: nobody is waiting.
	waiting_since timestamptz,
	due_at timestamptz,
	resolved_at timestamptz,
	-- The last routing decision: {queue, agent, priority, dueAt, reason}.
	routing jsonb,
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_customer ON conversations (customer_id);
CREATE INDEX conversations_assignee_load ON conversations (assignee_id, kind) WHERE status <> 'resolved' AND merged_into IS NULL;
CREATE INDEX conversations_queue_waiting ON conversations (queue, waiting_since) WHERE status <> 'resolved' AND merged_into IS NULL;

-- Notes agents leave on a conversation; they go where it goes.
CREATE TABLE conversation_notes (
	id uuid PRIMARY KEY,
	conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	author text,
	text text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_notes_conversation ON conversation_notes (conversation_id, created_at);

-- Which conversation each event belongs to; null for events recorded before conversations.
ALTER TABLE events ADD COLUMN conversation_id uuid;
CREATE INDEX events_conversation ON events (conversation_id, occurred_at) WHERE conversation_id IS NOT NULL;
`,
	},
	{
		version: 9,
		name: 'events recorded before accounts',
		sql: `
-- The rows recorded before events carried their account (version 6), apart: recording a batch
-- looks for an older row of each of its events only when such rows exist, one look-up in this
-- small index, and the look-up of each event is in it too (see insertEvents in store/graph-sql.ts).
-- A store that never had them keeps it empty.
CREATE INDEX events_before_accounts ON events (channel, external_id) WHERE account IS NULL;
`,
	},
	{
		version: 10,
		name: 'crm activities',
		sql: `
-- What the CRM nodes put on contacts' timelines, so that a redelivered event is logged once:
-- per CRM, contact and activity key (an event id, or a conversation and its last event), the
-- record the CRM created. A row is claimed before the CRM is called (record_id still null) and
-- deleted when the call fails. Per-customer data (store/customer-tables.ts): it follows its
-- customer on merge and unmerge and goes on forget; customer_id is null when the item had no
-- customer in the store.
CREATE TABLE crm_activities (
	crm text NOT NULL,
	contact_id text NOT NULL,
	activity_key text NOT NULL,
	customer_id uuid,
	record_id text,
	record_type text,
	claimed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (crm, contact_id, activity_key)
);
CREATE INDEX crm_activities_customer ON crm_activities (customer_id);
`,
	},
	{
		version: 11,
		name: 'shared identifiers',
		sql: `
-- A phone or WhatsApp account several people share (a family, a shop's landline) links them
-- without merging them (core/identity/shared-identifier-rule.ts): it leaves identifiers and
-- has one row here per customer it links. Per-customer data: a row follows its customer on
-- merge, unmerge and forget (store/customer-tables.ts). last_used_at: when that customer last
-- wrote from it with an e-mail or another personal identifier, or was confirmed as the writer.
-- reason: why the link was made, without names, so that nothing of a forgotten person stays.
CREATE TABLE shared_identifiers (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	kind text COLLATE "C" NOT NULL,
	value text COLLATE "C" NOT NULL,
	customer_id uuid NOT NULL,
	linked_at timestamptz NOT NULL DEFAULT now(),
	last_used_at timestamptz,
	reason jsonb NOT NULL
);
CREATE INDEX shared_identifiers_key ON shared_identifiers (kind, value);
CREATE INDEX shared_identifiers_customer ON shared_identifiers (customer_id);
`,
	},
	{
		version: 12,
		name: 'consent changes',
		sql: `
-- Every change of a customer's consent, per channel and purpose, with where it came from and
-- what proves it: the audit trail LGPD and GDPR ask for. Nothing is updated in place; the
-- consent now is each channel and purpose's latest change. Per-customer data: merged,
-- unmerged and forgotten with its customer (store/customer-tables.ts).
CREATE TABLE consent_changes (
	id uuid PRIMARY KEY,
	customer_id uuid NOT NULL REFERENCES customers (id),
	channel text NOT NULL,
	purpose text NOT NULL CHECK (purpose IN ('all', 'marketing', 'transactional')),
	state text NOT NULL CHECK (state IN ('subscribed', 'unsubscribed')),
	source text NOT NULL,
	evidence text NOT NULL,
	changed_at timestamptz NOT NULL,
	recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_changes_customer ON consent_changes (customer_id, channel, purpose, changed_at DESC);
`,
	},
	{
		version: 13,
		name: 'engagement sends',
		sql: `
-- Every send an Engagement Policy decided: the slot it claims under the frequency caps, and the
-- step of the message's fallback chain (one row per channel tried, never two for one channel).
-- message_key names the message on every channel it tries (a campaign, a reminder). content
-- holds what a fallback needs to send it on the next channel (the texts, templates and channel
-- order it was decided with). Per-customer data: merged, unmerged and forgotten with its
-- customer (store/customer-tables.ts). The caps count these rows and the outbound marketing
-- messages of the history, whichever are more, so a send the policy recorded and the message
-- a sender then recorded count once.
CREATE TABLE engagement_sends (
	id uuid PRIMARY KEY,
	customer_id uuid NOT NULL REFERENCES customers (id),
	message_key text NOT NULL,
	channel text NOT NULL,
	recipient text NOT NULL,
	purpose text NOT NULL CHECK (purpose IN ('marketing', 'transactional')),
	content jsonb NOT NULL DEFAULT '{}',
	decided_at timestamptz NOT NULL,
	-- Empty while nobody knows; delivered or read stops the chain, failed and unconfirmed move it on.
	outcome text CHECK (outcome IN ('delivered', 'read', 'failed', 'unconfirmed')),
	settled_at timestamptz
);
CREATE INDEX engagement_sends_customer ON engagement_sends (customer_id, decided_at DESC);
CREATE INDEX engagement_sends_unsettled ON engagement_sends (decided_at) WHERE settled_at IS NULL;
`,
	},
	{
		version: 14,
		name: 'engagement messages stored once',
		sql: `
-- The message a batch of sends carries (texts, templates, channels, rules: what a fallback needs to
-- send it on the next channel) is stored once, not on each of its sends. A message is per-customer
-- data only through its sends: Forget deletes the messages no other customer's send names
-- (store/customer-tables.ts). json, not jsonb: read whole, never queried inside.
CREATE TABLE engagement_messages (
	id uuid PRIMARY KEY,
	content json NOT NULL
);
ALTER TABLE engagement_sends ADD COLUMN message_id uuid;
INSERT INTO engagement_messages (id, content) SELECT id, content FROM engagement_sends;
UPDATE engagement_sends SET message_id = id;
-- No foreign keys: a send is written by the transaction that holds its customer's row lock
-- (store/engagement-facts-sql.ts lockCurrentCustomers) and its message's insert, and forget and
-- merge handle sends before their customer, as for events, which never had the keys. The keys'
-- per-row checks repeated that for every send, a third of a campaign batch's insert.
ALTER TABLE engagement_sends
	ALTER COLUMN message_id SET NOT NULL,
	DROP COLUMN content,
	DROP CONSTRAINT engagement_sends_customer_id_fkey;
CREATE INDEX engagement_sends_message ON engagement_sends (message_id);
`,
	},
];

/** Brings the store's schema up to date (or up to version `upTo`); safe when several workers start at once. */
export async function migrate(db: Database, schema: string, upTo = Number.POSITIVE_INFINITY): Promise<number[]> {
	return await db.transaction(async (tx) => {
		await tx.query(`SELECT pg_advisory_xact_lock(hashtext('n8n-nodes-omnichannel:migrate'))`);
		await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
		await tx.query(`SET LOCAL search_path TO ${quoteIdentifier(schema)}`);
		await tx.query(
			`CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
		);
		const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version));
		const applied: number[] = [];
		for (const migration of MIGRATIONS) {
			if (done.has(migration.version) || migration.version > upTo) continue;
			await tx.exec(migration.sql);
			await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
			applied.push(migration.version);
		}
		return applied;
	});
}
