import { describeEachStore, useStore } from '../support/stores';
import { at, Scene } from './support';

describeEachStore('conversations when customers merge, unmerge and are forgotten', (store) => {
	const { db } = useStore(store);
	let scene: Scene;
	beforeAll(() => {
		scene = new Scene(db());
	});

	/** Two customers who are one person, each in a conversation: on WhatsApp, then later by e-mail. */
	const twoConversations = async (name: string) => {
		const person = scene.person(name);
		const onWhatsApp = await scene.message([person.phone], 'whatsapp', at(0), 'where is my order?');
		const byEmail = await scene.message([person.email], 'email', at(20), 'Any news on my order?', { subject: 'Order 1234' });
		await scene.conversations.addNote(onWhatsApp.conversation.id, 'Order 1234 left the warehouse', 'Ana');
		return { person, onWhatsApp, byEmail };
	};

	it('folds the older conversation into the newer: one open conversation holding both histories', async () => {
		const { onWhatsApp, byEmail } = await twoConversations('merge');
		await scene.graph.merge(onWhatsApp.customerId, byEmail.customerId);

		const detail = (await scene.conversations.get({ customerId: onWhatsApp.customerId }))!;
		expect(detail).toMatchObject({
			id: byEmail.conversation.id,
			customerId: onWhatsApp.customerId,
			status: 'open',
			foldedFrom: [onWhatsApp.conversation.id],
			firstInboundAt: at(0),
			waitingSince: at(0),
			lastChannel: 'email',
			channels: { whatsapp: { lastInboundAt: at(0) }, email: { lastInboundAt: at(20) } },
			notes: [{ text: 'Order 1234 left the warehouse' }],
		});
		expect(detail.history.map((entry) => entry.text)).toEqual(['where is my order?', 'Any news on my order?']);
		expect(await scene.conversations.list({ status: ['open', 'pending', 'snoozed', 'resolved'], limit: 1000 }).then((all) => all.filter((c) => c.customerId === onWhatsApp.customerId))).toHaveLength(1);
		// The folded conversation's id leads to the one it is in.
		expect((await scene.conversations.get(onWhatsApp.conversation.id))!.id).toBe(byEmail.conversation.id);
	});

	it('folds them too when a batch merges the customers on its own', async () => {
		const { person, onWhatsApp, byEmail } = await twoConversations('batch');
		const linking = await scene.message([person.email, person.phone], 'email', at(40), 'my phone is this one', { subject: 'Re: Order 1234' });
		expect(linking.customerId).toBe(onWhatsApp.customerId);
		expect(linking.conversation.id).toBe(byEmail.conversation.id);
		const detail = (await scene.conversations.get(linking.conversation.id))!;
		expect(detail.foldedFrom).toEqual([onWhatsApp.conversation.id]);
		expect(detail.history).toHaveLength(3);
	});

	it('unmerging gives each customer their conversation back, with its own history', async () => {
		const { person, onWhatsApp, byEmail } = await twoConversations('unmerge');
		await scene.graph.merge(onWhatsApp.customerId, byEmail.customerId);
		const meanwhile = await scene.message([person.phone], 'whatsapp', at(30), 'still waiting');
		expect(meanwhile.conversation.id).toBe(byEmail.conversation.id);
		await scene.graph.unmerge(byEmail.customerId);

		const whatsapp = (await scene.conversations.get({ customerId: onWhatsApp.customerId }))!;
		const email = (await scene.conversations.get({ customerId: byEmail.customerId }))!;
		// What the customer wrote on WhatsApp while merged stays with the WhatsApp customer's conversation.
		expect(whatsapp).toMatchObject({ id: onWhatsApp.conversation.id, status: 'open', foldedFrom: [], lastChannel: 'whatsapp', channels: { whatsapp: { lastInboundAt: at(30) } }, notes: [{ author: 'Ana' }] });
		expect(email).toMatchObject({ id: byEmail.conversation.id, status: 'open', foldedFrom: [], firstInboundAt: at(20), channels: { email: { lastInboundAt: at(20) } }, notes: [] });
		expect(Object.keys(email.channels)).toEqual(['email']);
		expect(whatsapp.history.map((entry) => entry.text)).toEqual(['where is my order?', 'still waiting']);
		expect(email.history.map((entry) => entry.text)).toEqual(['Any news on my order?']);
	});

	it('forgetting the customer deletes their conversations and notes', async () => {
		const { onWhatsApp, byEmail } = await twoConversations('forget');
		await scene.graph.merge(onWhatsApp.customerId, byEmail.customerId);
		const summary = await scene.graph.forget(onWhatsApp.customerId);

		expect(summary).toMatchObject({ conversations: 2 });
		expect(await scene.conversations.get(byEmail.conversation.id)).toBeUndefined();
		const left = await db().query<{ n: number }>(
			'SELECT (SELECT count(*) FROM conversations WHERE id = ANY($1::uuid[])) + (SELECT count(*) FROM conversation_notes WHERE conversation_id = ANY($1::uuid[])) AS n',
			[[onWhatsApp.conversation.id, byEmail.conversation.id]],
		);
		expect(Number(left[0].n)).toBe(0);
	});
});
