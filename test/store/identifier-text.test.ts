import { CustomerGraph, CustomerOperationError } from '../../core';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

describeEachStore('identifiers as text', (store) => {
	const { db } = useStore(store);
	let graph: CustomerGraph;
	beforeAll(() => {
		graph = new CustomerGraph(db());
	});

	it('finds the customer whatever way the same identifier was typed or pasted', async () => {
		const [stored] = await graph.resolve([{ identities: [{ kind: 'email', value: 'jos\u00e9@example.org' }, { kind: 'external', value: 'crm-J\u00f6rg' }] }]);
		const spellings = [
			{ kind: 'email', value: 'jose\u0301@example.org' },
			{ kind: 'email', value: '\u200bjos\u00e9@example.org\u200b' },
			{ kind: 'external', value: 'crm-Jo\u0308rg' },
			{ kind: 'external', value: 'crm-\u2060J\u00f6rg\ufeff' },
		];
		const outcomes = await graph.resolve(spellings.map((identity) => ({ identities: [identity] })));
		expect(outcomes.map((outcome) => outcome.customerId)).toEqual(spellings.map(() => stored.customerId));
		expect(outcomes.every((outcome) => !outcome.created && !outcome.attached.length)).toBe(true);
		for (const identity of spellings) expect(await graph.findCustomerId({ identifier: identity })).toBe(stored.customerId);
	});

	it('refuses half a character in an identifier at once, every time, and resolves the rest of the batch', async () => {
		const lone = { identities: [{ kind: 'external', value: 'user-\ud800x' }] };
		for (const round of [1, 2, 3]) {
			const started = Date.now();
			const [refused, fine] = await graph.resolve([lone, { identities: [{ kind: 'email', value: `fine${round}@example.org` }] }]);
			expect(refused).toMatchObject({ error: expect.stringMatching(/^no usable identifier \(ignored external: "user-\\ud800x" is not valid Unicode text.*lone surrogate U\+D800\) at position 6/) });
			expect(refused.customerId).toBeUndefined();
			expect(fine).toMatchObject({ created: true });
			// No retries against the store: a refused identifier never reaches it.
			expect(Date.now() - started).toBeLessThan(2000);
		}
		const [{ n }] = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM identifiers WHERE value LIKE '%' || chr(65533) || '%'`);
		expect(n).toBe(0);
	});

	it('refuses half a character in a name, a trait or an event id, naming it, without failing the batch', async () => {
		const email = (value: string) => [{ kind: 'email', value }];
		const outcomes = await graph.resolve([
			{ identities: email('name@example.org'), name: 'Ana \ud83d' },
			{ identities: email('trait@example.org'), traits: { notes: ['ok', 'bad \udc00'] } },
			{ identities: email('key@example.org'), traits: { 'bad\ud800': 1 } },
			{ identities: email('event@example.org'), event: inboundMessage([{ kind: 'email', value: 'event@example.org' }], { externalId: 'wamid.\ud800' }) },
			{ identities: email('stored@example.org'), name: 'Ana \ud83d\ude00', traits: { plan: 'gold' } },
		]);
		expect(outcomes.map((outcome) => outcome.error)).toEqual([
			expect.stringMatching(/^name is not valid Unicode text: .*lone surrogate U\+D83D\) at position 5/),
			expect.stringMatching(/^traits\.notes\[1\] is not valid Unicode text/),
			expect.stringMatching(/^the name of traits\."bad\\ud800" is not valid Unicode text/),
			expect.stringMatching(/^the event id is not valid Unicode text/),
			undefined,
		]);
		expect((await graph.getCustomer(outcomes[4].customerId!, 0))!.traits).toEqual({ name: 'Ana \ud83d\ude00', plan: 'gold' });
		expect(await graph.findCustomerId({ identifier: { kind: 'email', value: 'name@example.org' } })).toBeUndefined();
	});

	it('refuses half a character in traits or a merge note set by hand', async () => {
		const [a, b] = await graph.resolve([{ identities: [{ kind: 'email', value: 'hand-a@example.org' }] }, { identities: [{ kind: 'email', value: 'hand-b@example.org' }] }]);
		await expect(graph.updateTraits(a.customerId!, { note: 'x\ud800' })).rejects.toThrow(CustomerOperationError);
		await expect(graph.updateTraits(a.customerId!, { note: 'x\ud800' })).rejects.toThrow(/^traits\.note is not valid Unicode text/);
		await expect(graph.merge(a.customerId!, b.customerId!, 'same \udc00')).rejects.toThrow(/^the note is not valid Unicode text/);
	});
});
