import { join } from 'node:path';
import { cli, useTempFolder, writeTempFile } from './cli-harness';

const AGENTS_CSV = ['id,name,email,skills,languages,queues,capacity,status', 'ana,Ana Souza,ana@example.org,billing|returns,pt-BR;en,Support;Billing,chat=3;call=1;email=10,online', 'bruno,Bruno,,,en,Support,chat=2,', ''].join('\n');

describe('agents and queues', () => {
	const temp = useTempFolder();
	const store = () => join(temp(), 'store');
	const run = (...argv: string[]) => cli([argv[0], '--store', store(), ...argv.slice(1)]);

	it('imports agents from a CSV and lists them as a table, with their load', async () => {
		const file = writeTempFile(temp(), 'agents.csv', AGENTS_CSV);
		const imported = await run('agents', 'import', file);
		expect(imported).toMatchObject({ code: 0, stderr: '' });
		expect(JSON.parse(imported.stdout)).toMatchObject({ created: 2, updated: 0 });
		const listed = await run('agents', 'list');
		expect(listed.stdout).toBe(
			[
				'ID     NAME       STATUS   QUEUES            LOAD                            SKILLS            LANGUAGES',
				'ana    Ana Souza  online   Support, Billing  chat 0/3, call 0/1, email 0/10  billing, returns  pt-BR, en',
				'bruno  Bruno      offline  Support           chat 0/2                                          en',
				'',
			].join('\n'),
		);
		const json = JSON.parse((await run('agents', 'list', '--json')).stdout);
		expect(json[1]).toMatchObject({ id: 'bruno', capacity: { chat: 2 }, load: {}, status: 'offline' });
	});

	it('refuses a file with bad lines, one message each with its line, and imports none of it', async () => {
		const file = writeTempFile(temp(), 'bad.csv', 'id,name,capacity,status\ncarla,Carla,chat=3,online\ndora,Dora,chat=lots,\n,Eva,,\nfabio,Fabio,,busy\n');
		const refused = await run('agents', 'import', file);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toBe(
			[
				`n8n-omnichannel agents: ${file}: 3 rows need fixing; nothing was imported`,
				'line 3: capacity "chat" must be a whole number ≥ 0, such as chat=3 (got "lots")',
				'line 4: id is empty: give each agent an id',
				'line 5: status must be online, away, offline or empty (keeps the current one)',
				'',
			].join('\n'),
		);
		expect(JSON.parse((await run('agents', 'list', '--json')).stdout).map((agent: { id: string }) => agent.id)).toEqual(['ana', 'bruno']);
	});

	it('names an unknown column', async () => {
		const file = writeTempFile(temp(), 'columns.csv', 'id,name,team\nana,Ana,x\n');
		const refused = await run('agents', 'import', file);
		expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('has the column "team": the columns are id, name, email, skills, languages, queues, capacity, status') });
	});

	it('imports agents from JSON and updates them by id', async () => {
		const file = writeTempFile(temp(), 'agents.json', JSON.stringify({ agents: [{ id: 'bruno', name: 'Bruno Lima', queues: ['Support'], capacity: { chat: 4 } }] }));
		expect(JSON.parse((await run('agents', 'import', file)).stdout)).toMatchObject({ created: 0, updated: 1 });
		expect(JSON.parse((await run('agents', 'list', '--json')).stdout)[1]).toMatchObject({ name: 'Bruno Lima', capacity: { chat: 4 } });
	});

	it('sets an agent status; an unknown agent exits 3, an unknown status 2', async () => {
		const set = await run('agents', 'set-status', 'bruno', 'online');
		expect(JSON.parse(set.stdout)).toMatchObject({ id: 'bruno', status: 'online' });
		expect(await run('agents', 'set-status', 'zoe', 'online')).toMatchObject({ code: 3, stderr: expect.stringContaining('no agent has the id "zoe"') });
		expect(await run('agents', 'set-status', 'bruno', 'busy')).toMatchObject({ code: 2, stderr: expect.stringContaining('"busy" is not a status: use online, away, offline') });
		expect(await run('agents', 'dance')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown action "dance"') });
	});

	it('imports queues from JSON, and refuses a bad one with its item number', async () => {
		const queues = [{ name: 'Support', schedule: { timeZone: 'America/Sao_Paulo', weekly: { monday: ['09:00-18:00'] } }, sla: { firstResponse: 15 } }, { name: 'VIP', priority: 5 }];
		const imported = await run('queues', 'import', writeTempFile(temp(), 'queues.json', JSON.stringify(queues)));
		expect(JSON.parse(imported.stdout)).toMatchObject({ created: 2, updated: 0 });
		expect(JSON.parse((await run('queues', 'list')).stdout).map((queue: { name: string }) => queue.name)).toEqual(['VIP', 'Support']);
		const bad = await run('queues', 'import', writeTempFile(temp(), 'bad-queues.json', JSON.stringify([{ name: 'Night', sla: { firstResponse: 'soon' } }])));
		expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('item 1: sla.firstResponse must be a number of minutes, such as 60') });
	});
});
