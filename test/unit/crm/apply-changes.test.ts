import { CustomerGraph } from '../../../core';
import { applyCrmChanges } from '../../../core/crm/apply-changes';
import type { CrmChange } from '../../../core/crm/changes';
import { describeEachStore, useStore } from '../../support/stores';

const origin = { deliveryId: 'test' } as const;
const phoneChanged = (recordId: string, phone: string): CrmChange => ({ ...origin, crm: 'hubspot', type: 'identifiers-changed', recordId, emails: [], phones: [phone] });
const identifiersOf = async (graph: CustomerGraph, id: string) => (await graph.getCustomer(id, 0))!.identities.map((i) => `${i.kind}:${i.value}`).sort();

describeEachStore('CRM changes applied to the store', (store) => {
	const { db } = useStore(store);
	const graph = () => new CustomerGraph(db());
	let n = 0;
	/** A customer known by a CRM record id and an e-mail of its own. */
	const customer = async (crm: 'hubspot' | 'pipedrive', recordId: string, more: { kind: string; value: string }[] = []) => {
		const [outcome] = await graph().resolve([{ identities: [{ kind: crm, value: recordId }, { kind: 'email', value: `person${++n}.${store.name.length}@example.org` }, ...more] }]);
		return outcome.customerId!;
	};

	it('the customer known by the CRM id gains the new phone; a phone already theirs adds nothing', async () => {
		const id = await customer('hubspot', '1001');
		const [added] = await applyCrmChanges(graph(), [phoneChanged('1001', '+5511987650101')]);
		expect(added).toMatchObject({ customerId: id, applied: 'identifier-added', reason: 'added phone +5511987650101 from HubSpot contact 1001' });
		expect(await identifiersOf(graph(), id)).toContain('phone:+5511987650101');
		const [again] = await applyCrmChanges(graph(), [phoneChanged('1001', '+55 11 98765-0101')]);
		expect(again).toMatchObject({ customerId: id, applied: 'nothing', reason: 'phone +55 11 98765-0101 was already theirs' });
	});

	it('reads national phones in the default country given', async () => {
		const id = await customer('pipedrive', '2002');
		const change: CrmChange = { ...origin, crm: 'pipedrive', type: 'identifiers-changed', recordId: '2002', emails: [], phones: ['11 98765-0202'] };
		const [result] = await applyCrmChanges(graph(), [change], { defaultCountry: 'BR' });
		expect(result).toMatchObject({ customerId: id, applied: 'identifier-added' });
		expect(await identifiersOf(graph(), id)).toContain('phone:+5511987650202');
	});

	it('stores nothing for a record no customer is known by, unless asked to; then resolves it as Customer Merge does', async () => {
		const before = await graph().stats();
		const [skipped] = await applyCrmChanges(graph(), [phoneChanged('1003', '+5511987650303')]);
		expect(skipped).toMatchObject({ applied: 'nothing', reason: expect.stringContaining('no customer is known by HubSpot contact 1003') });
		expect(skipped.customerId).toBeUndefined();
		expect(await graph().stats()).toEqual(before);

		const known = await graph().resolve([{ identities: [{ kind: 'phone', value: '+5511987650404' }] }]);
		const [linked] = await applyCrmChanges(graph(), [phoneChanged('1004', '+5511987650404')], { createUnknown: true });
		expect(linked).toMatchObject({ customerId: known[0].customerId, applied: 'identifier-added' });
		expect(await identifiersOf(graph(), known[0].customerId!)).toEqual(['hubspot:1004', 'phone:+5511987650404']);
	});

	it('says so, instead of failing, when the new e-mail belongs to another customer', async () => {
		const other = await graph().resolve([{ identities: [{ kind: 'email', value: 'taken.crm@example.org' }] }]);
		const id = await customer('hubspot', '1005');
		const change: CrmChange = { ...origin, crm: 'hubspot', type: 'identifiers-changed', recordId: '1005', emails: ['taken.crm@example.org'], phones: [] };
		const [result] = await applyCrmChanges(graph(), [change]);
		expect(result).toMatchObject({ customerId: id, applied: 'nothing', reason: expect.stringContaining(`already belongs to customer ${other[0].customerId}`) });
	});

	it('merges the customers holding merged records, audited with the CRM and the record ids; the merged-away id leaves', async () => {
		const primary = await customer('hubspot', '1010');
		const secondary = await customer('hubspot', '1011');
		const merge: CrmChange = { ...origin, crm: 'hubspot', type: 'merged', recordId: '1010', mergedRecordIds: ['1011'] };
		const [result] = await applyCrmChanges(graph(), [merge]);
		expect(result).toMatchObject({ customerId: primary, applied: 'merged', reason: `HubSpot merged contact 1011 into contact 1010: customer ${secondary} merged into ${primary}` });
		const audit = await db().query<{ target_id: string; reason: string; evidence: { note: string } }>('SELECT target_id, reason, evidence FROM merges WHERE source_id = $1', [secondary]);
		expect(audit).toEqual([{ target_id: primary, reason: 'manual', evidence: { note: 'HubSpot merged contact 1011 into contact 1010' } }]);
		const identifiers = await identifiersOf(graph(), primary);
		expect(identifiers.filter((i) => i.startsWith('hubspot:'))).toEqual(['hubspot:1010']);
		expect(identifiers.filter((i) => i.startsWith('email:'))).toHaveLength(2);
		expect(await graph().findCustomerId({ id: secondary })).toBe(primary);

		const [again] = await applyCrmChanges(graph(), [merge]);
		expect(again).toMatchObject({ customerId: primary, applied: 'nothing' });
	});

	it('when the merge gave the surviving record a new id, the customer is known by that id alone', async () => {
		const primary = await customer('hubspot', '1050');
		const secondary = await customer('hubspot', '1051');
		const merge: CrmChange = { ...origin, crm: 'hubspot', type: 'merged', recordId: '1050', mergedRecordIds: ['1051'], newRecordId: '1099' };
		const [result] = await applyCrmChanges(graph(), [merge]);
		expect(result).toMatchObject({ customerId: primary, applied: 'merged', reason: `HubSpot merged contact 1051 into contact 1050: customer ${secondary} merged into ${primary}; now known by HubSpot contact 1099` });
		expect((await identifiersOf(graph(), primary)).filter((i) => i.startsWith('hubspot:'))).toEqual(['hubspot:1099']);
	});

	it('when only the merged-away record is ours, its customer is known by the record that stays', async () => {
		const id = await customer('pipedrive', '2020');
		const merge: CrmChange = { ...origin, crm: 'pipedrive', type: 'merged', recordId: '2021', mergedRecordIds: ['2020'] };
		const [result] = await applyCrmChanges(graph(), [merge]);
		expect(result).toMatchObject({ customerId: id, applied: 'identifier-added', reason: 'now known by Pipedrive person 2021' });
		expect((await identifiersOf(graph(), id)).filter((i) => i.startsWith('pipedrive:'))).toEqual(['pipedrive:2021']);
	});

	it('says the protection rules refuse a merge (two external ids), and merges nothing', async () => {
		const primary = await customer('hubspot', '1030', [{ kind: 'external', value: 'erp-1030' }]);
		const secondary = await customer('hubspot', '1031', [{ kind: 'external', value: 'erp-1031' }]);
		const merge: CrmChange = { ...origin, crm: 'hubspot', type: 'merged', recordId: '1030', mergedRecordIds: ['1031'] };
		const [result] = await applyCrmChanges(graph(), [merge]);
		expect(result).toMatchObject({
			customerId: primary,
			applied: 'nothing',
			reason: `customer ${secondary} not merged into ${primary}: Customer Merge's protection rules refuse it: together they would hold 2 external identifiers, more than the limit of 1`,
		});
		expect(await graph().findCustomerId({ id: secondary })).toBe(secondary);
		expect(await identifiersOf(graph(), secondary)).toContain('hubspot:1031');
	});

	it('a privacy deletion forgets the customer; a plain deletion only drops the CRM id', async () => {
		const forgotten = await customer('hubspot', '1040');
		const kept = await customer('hubspot', '1041');
		const results = await applyCrmChanges(graph(), [
			{ ...origin, crm: 'hubspot', type: 'deleted', recordId: '1040', privacy: true },
			{ ...origin, crm: 'hubspot', type: 'deleted', recordId: '1041', privacy: false },
			{ ...origin, crm: 'hubspot', type: 'deleted', recordId: '1042', privacy: true },
		]);
		expect(results.map(({ customerId, applied }) => ({ customerId, applied }))).toEqual([
			{ customerId: forgotten, applied: 'forgotten' },
			{ customerId: kept, applied: 'identifier-removed' },
			{ customerId: undefined, applied: 'nothing' },
		]);
		expect(await graph().getCustomer(forgotten, 0)).toBeUndefined();
		const rest = await identifiersOf(graph(), kept);
		expect(rest).toHaveLength(1);
		expect(rest[0]).toMatch(/^email:/);
		expect(await graph().findCustomerId({ identifier: { kind: 'hubspot', value: '1041' } })).toBeUndefined();
	});
});
