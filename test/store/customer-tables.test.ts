import { CustomerGraph, registerCustomerTable, type Identity } from '../../core';
import { describeEachStore, useStore } from '../support/stores';

const email = (value: string): Identity => ({ kind: 'email', value });

// A table of per-customer data as a later capability would add it (loyalty cards here): created
// by its migration, registered once, and nothing else changes for merge, unmerge and forget.
describeEachStore('a per-customer table registered once', (store) => {
	const { db } = useStore(store);
	let unregister: () => void;
	let graph: CustomerGraph;
	beforeAll(async () => {
		await db().exec(`
			CREATE TABLE loyalty_cards (program text NOT NULL, card_no text NOT NULL, holder uuid NOT NULL, points int NOT NULL, PRIMARY KEY (program, card_no));
			CREATE INDEX loyalty_cards_holder ON loyalty_cards (holder);`);
		unregister = registerCustomerTable({ table: 'loyalty_cards', keyColumns: ['program', 'card_no'], customerColumn: 'holder' });
		graph = new CustomerGraph(db());
	});
	afterAll(() => unregister());

	const issue = (program: string, cardNo: string, holder: string, points: number) =>
		db().query('INSERT INTO loyalty_cards (program, card_no, holder, points) VALUES ($1, $2, $3, $4)', [program, cardNo, holder, points]);
	/** Card numbers by holder. */
	const cards = async () => {
		const rows = await db().query<{ card_no: string; holder: string }>('SELECT card_no, holder FROM loyalty_cards ORDER BY card_no');
		const byHolder: Record<string, string[]> = {};
		for (const row of rows) (byHolder[row.holder] ??= []).push(row.card_no);
		return byHolder;
	};

	it('follows its customer: moved by a merge in a batch, audited, moved back by unmerge, deleted by forget', async () => {
		const [ana, bia, other] = await graph.resolve([{ identities: [email('card.ana@example.org')] }, { identities: [email('card.bia@example.org')] }, { identities: [email('card.other@example.org')] }]);
		const [a, b, c] = [ana.customerId!, bia.customerId!, other.customerId!];
		await issue('gold', 'A-1', a, 10);
		await issue('gold', 'B-1', b, 20);
		await issue('silver', 'B-2', b, 5);
		await issue('gold', 'C-1', c, 7);

		const [link] = await graph.resolve([{ identities: [email('card.ana@example.org'), email('card.bia@example.org')] }]);
		expect(link).toMatchObject({ customerId: a, merged: [b] });
		expect(await cards()).toEqual({ [a]: ['A-1', 'B-1', 'B-2'], [c]: ['C-1'] });
		const [audit] = await db().query<{ moved: Record<string, string[][]> }>('SELECT moved FROM merges WHERE source_id = $1', [b]);
		expect(audit.moved.loyalty_cards.sort()).toEqual([
			['gold', 'B-1'],
			['silver', 'B-2'],
		]);
		expect(audit.moved.identifiers).toEqual([['email', 'card.bia@example.org']]);

		await graph.unmerge(b);
		expect(await cards()).toEqual({ [a]: ['A-1'], [b]: ['B-1', 'B-2'], [c]: ['C-1'] });

		await graph.merge(a, b, 'same person');
		expect(await cards()).toEqual({ [a]: ['A-1', 'B-1', 'B-2'], [c]: ['C-1'] });
		await expect(graph.forget(a)).resolves.toEqual({
			customerId: a,
			customers: 2,
			identities: 2,
			events: 0,
			conversations: 0,
			shared_identifiers: 0,
			crm_activities: 0,
			consent_changes: 0,
			engagement_sends: 0,
			loyalty_cards: 3,
			compacted: db().compactsAfterErasure,
		});
		expect(await cards()).toEqual({ [c]: ['C-1'] });
	});

	it('is refused when its name is not a plain SQL name or is already a table of the store', () => {
		expect(() => registerCustomerTable({ table: 'cards; DROP TABLE x', keyColumns: ['id'], customerColumn: 'holder' })).toThrow('not a plain lower-case SQL name');
		expect(() => registerCustomerTable({ table: 'events', keyColumns: ['id'], customerColumn: 'holder' })).toThrow('already a table of the store');
		expect(() => registerCustomerTable({ table: 'merges', keyColumns: ['id'], customerColumn: 'holder' })).toThrow('already a table of the store');
	});
});
