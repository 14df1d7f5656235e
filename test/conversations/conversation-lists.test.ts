import type { Conversation } from '../../core';
import { describeEachStore, useStore } from '../support/stores';
import { at, Scene } from './support';

describeEachStore('lists of conversations, and those to route again', (store) => {
	const { db } = useStore(store);
	let scene: Scene;
	const c: Record<'paid' | 'unassigned' | 'sales' | 'done', Conversation> = {} as never;
	const ids = (list: Conversation[]) => list.map((conversation) => conversation.id);

	/** What routing would have set: the queue, the agent, the due time. */
	const routed = (id: string, queue: string, assigneeId: string | null, dueAt: string | null) =>
		db().query('UPDATE conversations SET queue = $2, assignee_id = $3, due_at = $4 WHERE id = $1', [id, queue, assigneeId, dueAt]);

	beforeAll(async () => {
		scene = new Scene(db());
		await db().query(`INSERT INTO agents (id, name, status) VALUES ('ana', 'Ana', 'online'), ('bob', 'Bob', 'offline')`);
		const open = async (name: string, minutes: number) => (await scene.message([scene.person(name).phone], 'whatsapp', at(minutes), 'hello')).conversation;
		c.paid = await open('paid', 0);
		c.unassigned = await open('unassigned', 5);
		c.sales = await open('sales', 7);
		c.done = await open('done', 8);
		await routed(c.paid.id, 'billing', 'ana', at(10));
		await routed(c.unassigned.id, 'billing', null, at(100));
		await routed(c.sales.id, 'sales', 'bob', null);
		await routed(c.done.id, 'billing', null, null);
		await scene.conversations.setStatus(c.done.id, 'resolved', { now: at(9) });
	});

	it('filters by queue, agent, status and due time, longest waiting first', async () => {
		const now = at(60);
		expect(ids(await scene.conversations.list({ queue: 'billing', now }))).toEqual([c.paid.id, c.unassigned.id]);
		expect(ids(await scene.conversations.list({ queue: 'billing', assigneeId: null, now }))).toEqual([c.unassigned.id]);
		expect(ids(await scene.conversations.list({ assigneeId: 'ana', now }))).toEqual([c.paid.id]);
		expect(ids(await scene.conversations.list({ queue: 'billing', breached: true, now }))).toEqual([c.paid.id]);
		expect(ids(await scene.conversations.list({ queue: 'billing', breached: false, now }))).toEqual([c.unassigned.id]);
		expect(ids(await scene.conversations.list({ queue: 'billing', status: 'resolved', now }))).toEqual([c.done.id]);
		expect(ids(await scene.conversations.list({ limit: 1, now }))).toEqual([c.paid.id]);
		await expect(scene.conversations.list({ status: 'closed' as never })).rejects.toThrow('List conversations: the status must be one of open, pending, snoozed, resolved');
	});

	it('finds those waiting too long and those whose agent is offline; releasing hands them back to routing', async () => {
		expect(ids(await scene.conversations.waitingLongerThan({ minutes: 50, now: at(56) }))).toEqual([c.paid.id, c.unassigned.id]);
		const offline = await scene.conversations.withOfflineAssignee();
		expect(offline).toMatchObject([{ id: c.sales.id, assignee: { id: 'bob', name: 'Bob', status: 'offline' } }]);

		const released = await scene.conversations.release(c.sales.id);
		expect(released).toMatchObject({ assignee: null, queue: 'sales', status: 'open' });
		expect(await scene.conversations.withOfflineAssignee()).toEqual([]);

		await scene.conversations.assign(c.unassigned.id, 'ana');
		expect(ids(await scene.conversations.list({ assigneeId: 'ana' }))).toEqual([c.paid.id, c.unassigned.id]);
	});
});
