import { CustomerGraph, protectionRules, type Identity } from '../../core';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

const email = (value: string): Identity => ({ kind: 'email', value });
const phone = (value: string): Identity => ({ kind: 'phone', value });

describeEachStore('shared phones', (store) => {
	const { db } = useStore(store);
	let graph: CustomerGraph;
	beforeAll(() => {
		graph = new CustomerGraph(db());
	});
	const linksOf = async (identifier: Identity) =>
		(await db().query<{ customer_id: string }>('SELECT customer_id FROM shared_identifiers WHERE kind = $1 AND value = $2 ORDER BY customer_id', [identifier.kind, identifier.value])).map((row) => row.customer_id);
	const ownerRows = async (identifier: Identity) => (await db().query('SELECT 1 FROM identifiers WHERE kind = $1 AND value = $2', [identifier.kind, identifier.value])).length;

	/** The mother, then the son, each registering with their own e-mail from the family's WhatsApp. */
	const household = async (family: string, number: string) => {
		const shared = phone(number);
		const [mother] = await graph.resolve([{ identities: [email(`maria.${family}@example.org`), shared], name: `Maria ${family}` }]);
		const [son] = await graph.resolve([{ identities: [email(`joao.${family}@example.org`), shared], name: `João ${family}` }]);
		return { shared, mother, son };
	};

	it('keeps a mother and her son, registered from the family WhatsApp, two customers linked by the phone', async () => {
		const { shared, mother, son } = await household('Souza', '+5521987650001');
		expect(son).toMatchObject({ created: true, merged: [], attached: [email('joao.souza@example.org')] });
		expect(son.customerId).not.toBe(mother.customerId);
		expect(son.warnings).toContain('the phone +5521987650001 is shared by Maria Souza and João Souza: not merged');
		expect(son.shared).toEqual({
			identifier: shared,
			customers: expect.arrayContaining([
				{ id: mother.customerId, firstName: 'maria' },
				{ id: son.customerId, firstName: 'joao' },
			]),
			confirmed: true,
		});
		expect(await linksOf(shared)).toEqual([mother.customerId, son.customerId].sort());
		expect(await ownerRows(shared)).toBe(0);
		const [maria, joao] = [(await graph.getCustomer(mother.customerId!, 10))!, (await graph.getCustomer(son.customerId!, 10))!];
		expect(maria).toMatchObject({ identities: [email('maria.souza@example.org'), shared], sharedIdentities: [shared], traits: { name: 'Maria Souza' } });
		expect(joao).toMatchObject({ identities: [email('joao.souza@example.org'), shared], sharedIdentities: [shared], traits: { name: 'João Souza' } });
		// The audit says why, without names.
		const [reason] = await db().query<{ reason: { text: string } }>('SELECT reason FROM shared_identifiers WHERE customer_id = $1', [son.customerId]);
		expect(reason.reason.text).toBe(`the phone +5521987650001 links customers ${mother.customerId} and ${son.customerId} without merging them: their e-mails, CRM or external ids differ, and so do their first names`);
	});

	it('gives a message from the shared phone to whoever used it last as themselves, and shows nobody else', async () => {
		const { shared, mother, son } = await household('Lima', '+5521987650002');
		const message = inboundMessage([shared], { from: { identities: [shared], name: 'Família Lima' } });
		const [fromPhone] = await graph.resolve([{ identities: [shared], name: 'Família Lima', event: message }]);
		expect(fromPhone).toMatchObject({ customerId: son.customerId, created: false, merged: [], attached: [], shared: { identifier: shared, confirmed: false } });
		expect(fromPhone.warnings).toContain('the phone +5521987650002 is shared by 2 customers: presumed to be the customer who used it last with an e-mail or another personal identifier; confirm who is writing with Confirm Customer');
		// The profile name of the family's WhatsApp renames nobody.
		expect((await graph.getCustomer(son.customerId!, 10))!.traits).toEqual({ name: 'João Lima' });
		expect((await graph.getCustomer(son.customerId!, 10))!.history.map((entry) => entry.externalId)).toEqual([message.externalId]);
		expect((await graph.getCustomer(mother.customerId!, 10))!.history).toEqual([]);

		// The mother writes from the phone with her e-mail: she is the latest user now.
		await graph.resolve([{ identities: [email('maria.lima@example.org'), shared] }]);
		const [next] = await graph.resolve([{ identities: [shared] }]);
		expect(next.customerId).toBe(mother.customerId);
	});

	it('tells nobody who is writing when no one used the shared phone as themselves', async () => {
		const { shared } = await household('Alves', '+5521987650003');
		await db().query('UPDATE shared_identifiers SET last_used_at = NULL WHERE kind = $1 AND value = $2', [shared.kind, shared.value]);
		const message = inboundMessage([shared]);
		const [outcome] = await graph.resolve([{ identities: [shared], event: message }]);
		expect(outcome.customerId).toBeUndefined();
		expect(outcome.shared?.customers).toHaveLength(2);
		expect(outcome.warnings[0]).toContain('nobody can tell who is writing');
	});

	it('still merges one person with two e-mails and one name', async () => {
		const mobile = phone('+5511987650004');
		const [home] = await graph.resolve([{ identities: [email('ana.home@example.org'), mobile], name: 'Ana Lima' }]);
		const [work] = await graph.resolve([{ identities: [email('ana@work.example.org'), mobile], name: 'ANA L.' }]);
		expect(work).toMatchObject({ customerId: home.customerId, created: false, attached: [email('ana@work.example.org')] });
		expect(work.shared).toBeUndefined();
		expect(await ownerRows(mobile)).toBe(1);
	});

	it("links the shop's landline to each person who writes from it, and still knows a returning one", async () => {
		const landline = phone('+551133334444');
		const outcomes = await graph.resolve([
			{ identities: [email('owner@padaria.example.org'), landline], name: 'Carlos Pereira' },
			{ identities: [email('caixa@padaria.example.org'), landline], name: 'Beatriz Rocha' },
			{ identities: [email('pedro@padaria.example.org'), landline], name: 'Pedro Santos' },
			// Carlos again, with his other e-mail: still Carlos.
			{ identities: [email('carlos@gmail.example.org'), landline], name: 'Carlos' },
		]);
		const ids = outcomes.map((outcome) => outcome.customerId);
		expect(new Set(ids.slice(0, 3)).size).toBe(3);
		expect(ids[3]).toBe(ids[0]);
		expect(await linksOf(landline)).toEqual([...ids.slice(0, 3)].sort());
		expect(await ownerRows(landline)).toBe(0);
		expect((await graph.getCustomer(ids[0]!, 0))!.identities).toEqual(expect.arrayContaining([email('carlos@gmail.example.org'), email('owner@padaria.example.org')]));
	});

	it('does not merge two people whose only link is the phone, even when an input names both', async () => {
		const shared = phone('+5521987650005');
		const [lucia] = await graph.resolve([{ identities: [email('lucia@example.org')], name: 'Lucia Costa' }]);
		const [rafael] = await graph.resolve([{ identities: [email('rafael@example.org'), shared], name: 'Rafael Costa' }]);
		// Lucia's e-mail with the phone Rafael registered: today's graphs merge them.
		const [link] = await graph.resolve([{ identities: [email('lucia@example.org'), shared] }]);
		expect(link).toMatchObject({ customerId: lucia.customerId, merged: [] });
		expect(link.warnings).toContain('the phone +5521987650005 is shared by Rafael Costa and Lucia Costa: not merged');
		expect(await linksOf(shared)).toEqual([lucia.customerId, rafael.customerId].sort());
	});

	it('merges as before when the rule is off', async () => {
		const off = new CustomerGraph(db(), protectionRules({ shared: { enabled: false } }));
		const shared = phone('+5521987650006');
		const [mother] = await off.resolve([{ identities: [email('maria.off@example.org'), shared], name: 'Maria' }]);
		const [son] = await off.resolve([{ identities: [email('joao.off@example.org'), shared], name: 'João' }]);
		expect(son.customerId).toBe(mother.customerId);
	});

	it('keeps the link through a merge and an unmerge of one who shares it, and erases it with them', async () => {
		const { shared, mother, son } = await household('Melo', '+5521987650007');
		const [other] = await graph.resolve([{ identities: [email('maria.melo@work.example.org')], name: 'Maria Melo' }]);
		await graph.merge(other.customerId!, mother.customerId!);
		expect(await linksOf(shared)).toEqual([other.customerId, son.customerId].sort());
		await graph.unmerge(mother.customerId!);
		expect(await linksOf(shared)).toEqual([mother.customerId, son.customerId].sort());
		await graph.forget(son.customerId!);
		expect(await linksOf(shared)).toEqual([mother.customerId]);
	});
});
