import { identityKey, type Identity, type IdentityKind, type Traits } from '../model';
import type { Database } from '../store/database';
import { currentCustomerId } from '../store/customer-sql';
import { lockCustomers, reserveIdentifiers } from '../store/graph-sql';
import { customersSharing, insertSharedLinks, unownIdentifiers } from '../store/shared-identifier-sql';
import { inTransaction } from './customer-operations';
import type { SharedIdentifierRule } from './protection';
import { customerWords, identifierWords, isShareable, namesDiffer, personIdentifiers } from './shared-identifier-rule';

/**
 * The review of merges made before the shared identifier rule (or with it off): those it
 * would have held, with their evidence, so that an operator can undo them with Unmerge.
 */

export interface HeldMerge {
	mergeId: string;
	mergedAt: string;
	/** The customer that stayed, and the one merged into it. */
	keptId: string;
	mergedAwayId: string;
	/** The shareable identifiers that were the merge's only link between the two. */
	sharedBy: Identity[];
	/** What the rule looked at: each side's person-level identifiers and name. */
	evidence: { kept: { identifiers: Identity[]; name?: string }; mergedAway: { identifiers: Identity[]; name?: string } };
	reason: string;
}

interface MergeRow {
	id: string;
	source_id: string;
	target_id: string;
	merged_at: Date | string;
	evidence: { identities?: Identity[] } | null;
	moved: Record<string, [string, string][]> | null;
	target_traits_before: Traits;
	source_traits: Traits;
}

const asIdentity = ([kind, value]: [string, string]): Identity => ({ kind: kind as IdentityKind, value });
const nameOf = (traits: Traits) => (typeof traits.name === 'string' ? traits.name : undefined);

/**
 * Automatic merges in force that the rule would have held: the input that made each reached
 * one of the two customers only through shareable identifiers, both had person-level
 * identifiers, and their first names differ (when the rule asks for it). The kept customer's
 * identifiers are those it holds today, less what this merge moved; manual merges are a
 * person's decision and are not reviewed.
 */
export async function mergesTheRuleWouldHold(db: Database, rule: SharedIdentifierRule): Promise<HeldMerge[]> {
	const rows = await db.query<MergeRow>(
		`SELECT m.id::text, m.source_id, m.target_id, m.merged_at, m.evidence,
		   coalesce(m.moved, jsonb_build_object('identifiers', m.moved_identifiers)) AS moved, m.target_traits_before, s.traits AS source_traits
		 FROM merges m JOIN customers s ON s.id = m.source_id
		 WHERE m.unmerged_at IS NULL AND m.reason = 'automatic' ORDER BY m.id`,
	);
	const held: HeldMerge[] = [];
	for (const row of rows) {
		const moved = [...(row.moved?.identifiers ?? []), ...(row.moved?.identities ?? [])].map(asIdentity);
		const movedKeys = new Set(moved.map(identityKey));
		const evidence = row.evidence?.identities ?? [];
		const sourceSide = evidence.filter((identifier) => movedKeys.has(identityKey(identifier)));
		const targetSide = evidence.filter((identifier) => !movedKeys.has(identityKey(identifier)));
		const onlyShared = (side: Identity[]) => side.length > 0 && side.every((identifier) => isShareable(identifier.kind, rule));
		const sharedBy = onlyShared(sourceSide) ? sourceSide : onlyShared(targetSide) ? targetSide : undefined;
		if (!sharedBy) continue;
		const holder = (await currentCustomerId(db, row.target_id)) ?? row.target_id;
		const targetNow = await db.query<{ kind: IdentityKind; value: string }>('SELECT kind, value FROM identifiers WHERE customer_id = $1', [holder]);
		const kept = personIdentifiers(targetNow.filter((identifier) => !movedKeys.has(identityKey(identifier))), rule);
		const mergedAway = personIdentifiers(moved, rule);
		const [keptName, awayName] = [nameOf(row.target_traits_before), nameOf(row.source_traits)];
		if (!kept.length || !mergedAway.length || (rule.requireDifferentName && !namesDiffer(keptName, awayName))) continue;
		const words = (id: string, traits: Traits) => customerWords({ id, traits });
		held.push({
			mergeId: row.id,
			mergedAt: new Date(row.merged_at).toISOString(),
			keptId: row.target_id,
			mergedAwayId: row.source_id,
			sharedBy,
			evidence: { kept: { identifiers: kept, name: keptName }, mergedAway: { identifiers: mergedAway, name: awayName } },
			reason: `${identifierWords(sharedBy[0])} is shared by ${words(row.target_id, row.target_traits_before)} and ${words(row.source_id, row.source_traits)}: their e-mails, CRM or external ids differ${rule.requireDifferentName ? ', and so do their first names' : ''}`,
		});
	}
	return held;
}

/** Makes an identifier shared by these customers (after an unmerge separated them): whoever holds it gives it up, each gets a link. */
export function shareIdentifier(db: Database, identifier: Identity, customerIds: string[], reason: string) {
	return inTransaction(db, async (tx) => {
		await reserveIdentifiers(tx, [identifier]);
		await lockCustomers(tx, customerIds);
		const owners = await tx.query<{ customer_id: string }>('SELECT customer_id FROM identifiers WHERE kind = $1 AND value = $2', [identifier.kind, identifier.value]);
		await unownIdentifiers(tx, owners.map((row) => ({ identifier, customerId: row.customer_id })));
		const linked = new Set(await customersSharing(tx, identifier));
		const missing = [...new Set([...owners.map((row) => row.customer_id), ...customerIds])].filter((id) => !linked.has(id));
		await insertSharedLinks(tx, missing.map((customerId) => ({ identifier, customerId, used: false, reason: { rule: 'shared identifier', text: reason, sharedWith: customerIds.filter((id) => id !== customerId) } })));
	});
}
