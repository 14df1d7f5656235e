import { ConversationError } from '../../core';
import { describeEachStore, useStore } from '../support/stores';
import { at, Scene } from './support';

describeEachStore('a conversation across channels', (store) => {
	const { db } = useStore(store);
	let scene: Scene;
	beforeAll(() => {
		scene = new Scene(db());
	});

	it('continues on e-mail what the customer started on WhatsApp, counting the switch', async () => {
		const ana = scene.person('ana');
		const first = await scene.message([ana.phone, ana.email], 'whatsapp', at(0), 'where is my order?');
		const second = await scene.message([ana.email], 'email', at(30), 'I sent the invoice by mail', { subject: 'Order 1234' });

		expect(first).toMatchObject({ opened: true, reopened: false });
		expect(second).toMatchObject({ opened: false, reopened: false });
		expect(second.conversation).toMatchObject({
			id: first.conversation.id,
			customerId: first.customerId,
			status: 'open',
			firstInboundAt: at(0),
			waitingSince: at(0),
			lastChannel: 'email',
			channelSwitches: 1,
			channels: { whatsapp: { lastInboundAt: at(0) }, email: { lastInboundAt: at(30) } },
		});
		const detail = await scene.conversations.get({ customerId: first.customerId });
		expect(detail!.history.map((entry) => entry.channel)).toEqual(['whatsapp', 'email']);
		expect(await scene.countConversations(first.customerId)).toBe(1);
	});

	it('changes nothing when the same event is given again', async () => {
		const bia = scene.person('bia');
		const { customerId, event, conversation } = await scene.message([bia.phone], 'whatsapp', at(0), 'hi');
		const again = await scene.conversations.openOrContinue(customerId, event);
		expect(again).toEqual({ conversation, opened: false, reopened: false });
	});

	it('reopens a conversation resolved within the window, and opens a new one after it', async () => {
		const caio = scene.person('caio');
		const { customerId, conversation } = await scene.message([caio.phone], 'whatsapp', at(0), 'my card was declined');
		await scene.conversations.setStatus(conversation.id, 'resolved', { now: at(10) });

		const soon = await scene.message([caio.phone], 'whatsapp', at(10 + 60), 'it happened again');
		expect(soon).toMatchObject({ opened: false, reopened: true, conversation: { id: conversation.id, status: 'open', resolvedAt: null } });

		await scene.conversations.setStatus(conversation.id, 'resolved', { now: at(120) });
		const later = await scene.message([caio.phone], 'whatsapp', at(120 + 25 * 60), 'new question');
		expect(later).toMatchObject({ opened: true, reopened: false, conversation: { status: 'open', firstInboundAt: at(120 + 25 * 60) } });
		expect(later.conversation.id).not.toBe(conversation.id);
		expect((await scene.conversations.get(conversation.id))!.status).toBe('resolved');
		expect(await scene.countConversations(customerId)).toBe(2);
	});

	it('keeps a resolved conversation resolved when only a bot writes after it', async () => {
		const duda = scene.person('duda');
		const { conversation } = await scene.message([duda.phone], 'whatsapp', at(0), 'thanks!');
		await scene.conversations.setStatus(conversation.id, 'resolved', { now: at(5) });
		const survey = await scene.answers([duda.phone], 'whatsapp', at(6), 'How did we do?', { type: 'automation' });
		const outcome = await scene.conversations.openOrContinue(survey.customerId, survey.event);
		expect(outcome).toMatchObject({ opened: false, reopened: false, conversation: { id: conversation.id, status: 'resolved' } });
	});

	it('wakes a snoozed conversation when the customer writes', async () => {
		const eva = scene.person('eva');
		const { conversation } = await scene.message([eva.phone], 'whatsapp', at(0), 'I will check and come back');
		const snoozed = await scene.conversations.setStatus(conversation.id, 'snoozed', { snoozedUntil: at(24 * 60), now: at(1) });
		expect(snoozed).toMatchObject({ status: 'snoozed', snoozedUntil: at(24 * 60) });

		const woken = await scene.message([eva.phone], 'telegram', at(60), 'back already');
		expect(woken.conversation).toMatchObject({ id: conversation.id, status: 'open', snoozedUntil: null });
	});

	it('refuses to snooze without a time in the future', async () => {
		const fabio = scene.person('fabio');
		const { conversation } = await scene.message([fabio.phone], 'whatsapp', at(0), 'hello');
		await expect(scene.conversations.setStatus(conversation.id, 'snoozed', { now: at(5) })).rejects.toThrow(ConversationError);
		await expect(scene.conversations.setStatus(conversation.id, 'snoozed', { snoozedUntil: at(1), now: at(5) })).rejects.toThrow(/time in the future/);
	});

	it('records the first response once, and each answer ends the wait', async () => {
		const gil = scene.person('gil');
		const { conversation } = await scene.message([gil.phone], 'whatsapp', at(0), 'is anyone there?');
		const answered = await scene.conversations.recordAgentReply(conversation.id, { channel: 'whatsapp', at: at(5) });
		expect(answered).toMatchObject({ firstResponseAt: at(5), waitingSince: null, status: 'open', channels: { whatsapp: { lastInboundAt: at(0), lastOutboundAt: at(5) } } });

		const asked = await scene.message([gil.phone], 'whatsapp', at(10), 'one more thing');
		expect(asked.conversation).toMatchObject({ firstResponseAt: at(5), waitingSince: at(10) });
		const bot = await scene.answers([gil.phone], 'whatsapp', at(11), 'An agent will be with you shortly', { type: 'bot' });
		expect((await scene.conversations.openOrContinue(bot.customerId, bot.event)).conversation).toMatchObject({ waitingSince: at(10) });

		const agent = await scene.answers([gil.phone], 'whatsapp', at(15), 'Sure, tell me', { type: 'agent', id: 'ana', name: 'Ana' });
		expect((await scene.conversations.openOrContinue(agent.customerId, agent.event)).conversation).toMatchObject({ firstResponseAt: at(5), waitingSince: null });
	});

	it('sets the first response from an agent\'s outbound event', async () => {
		const hugo = scene.person('hugo');
		const { customerId } = await scene.message([hugo.email], 'email', at(0), 'Refund?', { subject: 'Refund' });
		const reply = await scene.answers([hugo.email], 'email', at(45), 'Done', { type: 'agent', name: 'Ana' }, { subject: 'Re: Refund' });
		const { conversation } = await scene.conversations.openOrContinue(customerId, reply.event);
		expect(conversation).toMatchObject({ firstResponseAt: at(45), waitingSince: null });
		const replyKey = reply.event.id;
		await expect(scene.conversations.recordAgentReply(conversation.id, { channel: 'email', at: at(45), eventKey: replyKey })).resolves.toMatchObject({ firstResponseAt: at(45) });
	});

	it('keeps notes and tags, and says what is wrong with an unknown agent or conversation', async () => {
		const iris = scene.person('iris');
		const { conversation } = await scene.message([iris.phone], 'whatsapp', at(0), 'hello');
		await scene.conversations.addNote(conversation.id, 'VIP customer, be quick', 'Ana');
		await scene.conversations.tag(conversation.id, ['vip', 'billing']);
		const untagged = await scene.conversations.untag(conversation.id, ['billing']);
		expect(untagged.tags).toEqual(['vip']);
		expect((await scene.conversations.get(conversation.id))!.notes).toMatchObject([{ author: 'Ana', text: 'VIP customer, be quick' }]);
		await expect(scene.conversations.assign(conversation.id, 'nobody')).rejects.toThrow('No agent with id "nobody"');
		await expect(scene.conversations.addNote('0190a000-0000-7000-8000-000000000000', 'x')).rejects.toThrow(/No conversation with id/);
		await expect(scene.conversations.addNote(conversation.id, '  ')).rejects.toThrow('Note: a note needs some text');
	});

	it('opens a resolved conversation again only when the customer has no other one open', async () => {
		const joao = scene.person('joao');
		const { conversation } = await scene.message([joao.phone], 'whatsapp', at(0), 'hello');
		await scene.conversations.setStatus(conversation.id, 'resolved', { now: at(1) });
		const next = await scene.message([joao.phone], 'whatsapp', at(3 * 24 * 60), 'hello again');
		await expect(scene.conversations.setStatus(conversation.id, 'open')).rejects.toThrow(`already in conversation ${next.conversation.id}`);
		await scene.conversations.setStatus(next.conversation.id, 'resolved');
		await expect(scene.conversations.setStatus(conversation.id, 'pending')).resolves.toMatchObject({ status: 'pending', resolvedAt: null });
	});

	it('opens exactly one conversation for one customer however many events arrive at once', async () => {
		const kim = scene.person('kim');
		const recorded = [];
		for (let i = 0; i < 8; i++) recorded.push(await scene.writes([kim.phone], i % 2 ? 'whatsapp' : 'sms', at(i), `message ${i}`));
		const customerId = recorded[0].customerId;
		const outcomes = await Promise.all(recorded.map(({ event }) => scene.conversations.openOrContinue(customerId, event)));
		expect(new Set(outcomes.map((outcome) => outcome.conversation.id)).size).toBe(1);
		expect(outcomes.filter((outcome) => outcome.opened)).toHaveLength(1);
		expect(await scene.countConversations(customerId)).toBe(1);
		expect((await scene.conversations.get(outcomes[0].conversation.id, { historyLimit: 20 }))!.history).toHaveLength(8);
	});
});
