import { join } from 'node:path';
import { closeStores, CustomerGraph, openStore, protectionRules, type Identity } from '../../core';
import { cli, jsonLines, useTempFolder } from './cli-harness';

const email = (value: string): Identity => ({ kind: 'email', value });
const phone = (value: string): Identity => ({ kind: 'phone', value });

/** A store whose merges were made before the shared phone rule: one of two people through their family's phone, one of one person with two e-mails. */
describe('review-shared on an embedded store folder', () => {
	const temp = useTempFolder();
	const store = () => join(temp(), 'store');
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		const before = new CustomerGraph(await openStore({ type: 'embedded', folder: store() }), protectionRules({ shared: { enabled: false } }));
		const inputs = [
			{ identities: [email('lucia@example.org')], name: 'Lucia Costa' },
			{ identities: [email('rafael@example.org'), phone('+5521987650301')], name: 'Rafael Costa' },
			{ identities: [email('ana@example.org')], name: 'Ana' },
			{ identities: [email('ana.lima@work.example.org'), phone('+5521987650302')], name: 'Ana Lima' },
		];
		for (const [i, who] of ['lucia', 'rafael', 'ana', 'ana2'].entries()) ids[who] = (await before.resolve([inputs[i]]))[0].customerId!;
		// Lucia's e-mail with Rafael's phone; Ana's with her own phone: both merged, then.
		const merged = await before.resolve([{ identities: [email('lucia@example.org'), phone('+5521987650301')] }, { identities: [email('ana@example.org'), phone('+5521987650302')] }]);
		expect(merged.map((outcome) => outcome.merged)).toEqual([[ids.rafael], [ids.ana2]]);
		await closeStores();
	});

	it('lists the merge of two people through their phone with its evidence, not the one person with two e-mails', async () => {
		const run = await cli(['review-shared', '--store', store()]);
		expect(run).toMatchObject({ code: 0, stderr: '' });
		expect(jsonLines(run)).toEqual([
			{
				merge: expect.any(String),
				mergedAt: expect.any(String),
				kept: ids.lucia,
				mergedAway: ids.rafael,
				sharedBy: [phone('+5521987650301')],
				reason: 'the phone +5521987650301 is shared by Lucia Costa and Rafael Costa: their e-mails, CRM or external ids differ, and so do their first names',
				evidence: { kept: { identifiers: [email('lucia@example.org')], name: 'Lucia Costa' }, mergedAway: { identifiers: [email('rafael@example.org')], name: 'Rafael Costa' } },
			},
		]);
	});

	it('undoes it with Unmerge and links both to the phone, after which a message from it merges nobody', async () => {
		const run = await cli(['review-shared', '--store', store(), '--undo']);
		expect(run.code).toBe(0);
		expect(jsonLines(run)).toEqual([expect.objectContaining({ mergedAway: ids.rafael, undone: true })]);
		expect(jsonLines(await cli(['review-shared', '--store', store()]))).toEqual([]);

		const graph = new CustomerGraph(await openStore({ type: 'embedded', folder: store() }));
		try {
			expect((await graph.getCustomer(ids.rafael, 0))!).toMatchObject({ identities: [email('rafael@example.org'), phone('+5521987650301')], sharedIdentities: [phone('+5521987650301')] });
			expect((await graph.getCustomer(ids.lucia, 0))!).toMatchObject({ identities: [email('lucia@example.org'), phone('+5521987650301')], mergedFrom: [] });
			const [message] = await graph.resolve([{ identities: [phone('+5521987650301')] }]);
			expect(message).toMatchObject({ merged: [], shared: { confirmed: false, customers: expect.arrayContaining([expect.objectContaining({ id: ids.lucia }), expect.objectContaining({ id: ids.rafael })]) } });
			// The other merge stays.
			expect((await graph.getCustomer(ids.ana, 0))!.mergedFrom).toEqual([ids.ana2]);
		} finally {
			await closeStores();
		}
	});
});
