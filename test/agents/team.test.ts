import { Team, TeamError, TeamImportError } from '../../core';
import { insertConversation, newCustomers } from '../support/conversations';
import { describeEachStore, useStore } from '../support/stores';

const ana = { id: 'ana', name: 'Ana Souza', email: 'ana@example.org', skills: ['billing'], languages: ['pt-BR', 'en'], queues: ['Support', 'Billing'], capacity: { chat: 3, call: 1, email: 10 }, status: 'online' };
const bruno = { id: 'bruno', name: 'Bruno', skills: 'returns|billing', languages: 'en;es', queues: 'Support', capacity: 'chat=2;email=5' };

const office = { timeZone: 'America/Sao_Paulo', weekly: { monday: ['09:00-18:00'], tuesday: ['09:00-18:00'] } };

describeEachStore('team: agents and queues', (store) => {
	const { db } = useStore(store);
	const team = () => new Team(db());

	it('imports agents from JSON objects and spreadsheet-style text, new ones offline unless a status is given', async () => {
		expect(await team().importAgents([ana, bruno])).toEqual({ created: 2, updated: 0 });
		const agents = await team().listAgents();
		expect(agents).toEqual([
			expect.objectContaining({ id: 'ana', name: 'Ana Souza', email: 'ana@example.org', status: 'online', capacity: { chat: 3, call: 1, email: 10 }, load: {} }),
			expect.objectContaining({ id: 'bruno', skills: ['returns', 'billing'], languages: ['en', 'es'], queues: ['Support'], capacity: { chat: 2, email: 5 }, status: 'offline' }),
		]);
		expect(agents[1]).not.toHaveProperty('email');
	});

	it('updates agents by id and keeps the status of those the file gives none', async () => {
		await team().setAgentStatus('bruno', 'online');
		expect(await team().importAgents([{ ...ana, name: 'Ana S.', status: 'away' }, { ...bruno, capacity: { chat: 4 } }])).toEqual({ created: 0, updated: 2 });
		const [first, second] = await team().listAgents();
		expect(first).toMatchObject({ name: 'Ana S.', status: 'away' });
		expect(second).toMatchObject({ capacity: { chat: 4 }, status: 'online' });
	});

	it('refuses a file with bad rows, naming each one, and writes none of it', async () => {
		const rows = [
			{ id: 'carla', name: 'Carla', queues: ['Support'], capacity: 'chat=3' },
			{ id: 'dora', name: 'Dora', capacity: 'chat=two' },
			{ id: 'eva', name: '', capacity: {} },
			{ id: 'fabio', name: 'Fabio', status: 'busy' },
			{ id: 'gil', name: 'Gil', capacity: { chat: -1 } },
			{ id: 'hugo', name: 'Hugo', languages: ['english'] },
		];
		const rowName = (index: number) => `line ${index + 2}`;
		const error = await team().importAgents(rows, { rowName }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(TeamImportError);
		expect((error as TeamImportError).problems).toEqual([
			{ row: 'line 3', message: 'capacity "chat" must be a whole number ≥ 0, such as chat=3 (got "two")' },
			{ row: 'line 4', message: 'name is empty: give the name people see' },
			{ row: 'line 5', message: 'status must be online, away, offline or empty (keeps the current one)' },
			{ row: 'line 6', message: 'capacity "chat" must be a whole number ≥ 0, such as chat=3 (got -1)' },
			{ row: 'line 7', message: 'languages[0] must be language codes such as "en" or "pt-BR"' },
		]);
		expect((await team().listAgents()).map((agent) => agent.id)).toEqual(['ana', 'bruno']);
	});

	it('refuses the same agent twice in one file', async () => {
		await expect(team().importAgents([ana, { ...ana, name: 'Other' }])).rejects.toThrow('item 2: agent "ana" is already on item 1: keep one row per agent');
	});

	it('counts each agent\'s load per kind from conversations neither resolved nor folded', async () => {
		const [customer, other] = await newCustomers(db(), 2);
		const open = await insertConversation(db(), customer, { assigneeId: 'ana' });
		await insertConversation(db(), other, { assigneeId: 'ana', kind: 'email', status: 'pending' });
		await insertConversation(db(), other, { assigneeId: 'ana', status: 'resolved' });
		await insertConversation(db(), customer, { assigneeId: 'ana', mergedInto: open });
		await insertConversation(db(), other, { assigneeId: 'bruno', kind: 'call', status: 'snoozed' });
		const agents = await team().listAgents();
		expect(agents.map((agent) => [agent.id, agent.load])).toEqual([
			['ana', { chat: 1, email: 1 }],
			['bruno', { call: 1 }],
		]);
	});

	it('sets a status, with the time it changed, and names an unknown agent', async () => {
		const before = (await team().listAgents())[0];
		const away = await team().setAgentStatus('ana', 'away');
		expect(away.status).toBe('away');
		const again = await team().setAgentStatus('ana', 'away');
		expect(again.statusChangedAt).toBe(away.statusChangedAt);
		expect(Date.parse(away.statusChangedAt)).toBeGreaterThanOrEqual(Date.parse(before.statusChangedAt));
		await expect(team().setAgentStatus('zoe', 'online')).rejects.toThrow(new TeamError('no agent has the id "zoe": check it with "agents list", or import them first'));
		await expect(team().setAgentStatus('ana', 'busy' as never)).rejects.toThrow('"busy" is not a status: use online, away, offline');
	});

	it('imports queues with hours and targets, and lists them by priority', async () => {
		const queues = [
			{ name: 'Support', schedule: office, sla: { firstResponse: 15, resolution: 1440 } },
			{ name: 'VIP', priority: 10, sla: { firstResponse: 5, businessHours: false } },
		];
		expect(await team().importQueues(queues)).toEqual({ created: 2, updated: 0 });
		expect(await team().importQueues([{ name: 'VIP', priority: 20 }])).toEqual({ created: 0, updated: 1 });
		const listed = await team().listQueues();
		expect(listed.map((queue) => [queue.name, queue.priority, queue.sla])).toEqual([
			['VIP', 20, { businessHours: true }],
			['Support', 0, { firstResponse: 15, resolution: 1440, businessHours: true }],
		]);
		expect(listed[1].schedule).toMatchObject({ timeZone: 'America/Sao_Paulo', weekly: { monday: [{ start: 540, end: 1080 }], sunday: [] } });
	});

	it('refuses queues with a bad schedule or target, saying which field to fix', async () => {
		const error = (await team()
			.importQueues([
				{ name: 'A', schedule: { ...office, weekly: { monday: ['09:00-25:00'] } } },
				{ name: 'B', schedule: { ...office, timeZone: 'Mars/Olympus' } },
				{ name: 'C', sla: { firstResponse: 0 } },
				{ name: 'D', sla: { firstReply: 5 } },
			])
			.catch((caught: unknown) => caught)) as TeamImportError;
		expect(error.problems.map((problem) => `${problem.row}: ${problem.message}`)).toEqual([
			expect.stringMatching(/^item 1: schedule weekly\.monday\[0\] .*25:00/),
			'item 2: schedule timeZone "Mars/Olympus" is not a time zone: use an IANA name such as "America/New_York" or "Europe/Warsaw"',
			'item 3: sla.firstResponse must be more than 0 minutes',
			'item 4: sla has an unknown field "firstReply": the targets are firstResponse, nextResponse and resolution, in minutes, and businessHours',
		]);
		expect((await team().listQueues()).map((queue) => queue.name)).toEqual(['VIP', 'Support']);
	});
});
