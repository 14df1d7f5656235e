import { join } from 'node:path';
import { inboundMessage } from '../support/events';
import { cli, describeEachCliStore, jsonLine, jsonLines, useTempFolder } from './cli-harness';

/** One embedded store in a folder, shared by runs: what one run writes, the next finds. */
describe('customer, forget and stats on an embedded store folder', () => {
	const temp = useTempFolder();
	const store = () => join(temp(), 'store');
	let ana: string;
	let merged: string;
	let bruno: string;

	beforeAll(async () => {
		const event = inboundMessage([{ kind: 'phone', value: '+5511987650201' }], { channel: 'whatsapp', text: 'oi' });
		const run = await cli(['resolve', '--store', store()], [
			jsonLine({ identities: [{ kind: 'email', value: 'ana@example.org' }], name: 'Ana', traits: { plan: 'gold' } }),
			jsonLine({ identities: [{ kind: 'whatsapp', value: '5511987650201' }] }),
			jsonLine({ identities: [{ kind: 'email', value: 'ana@example.org' }, { kind: 'phone', value: '+55 11 98765-0201' }] }),
			jsonLine(event),
			jsonLine({ identities: [{ kind: 'messenger', value: '1001:2002' }], name: 'Bruno' }),
		].join(''));
		expect(run.code).toBe(0);
		const lines = jsonLines(run);
		[ana, merged, bruno] = [lines[0].customerId, lines[1].customerId, lines[4].customerId];
		expect(lines[2].merged).toEqual([merged]);
	});

	it('finds, in a later run, the customer by id, by a merged-away id, and by identifiers normalized as resolution does', async () => {
		const byId = await cli(['customer', '--store', store(), '--id', ana]);
		expect(byId).toMatchObject({ code: 0, stderr: '' });
		const customer = JSON.parse(byId.stdout);
		expect(customer).toMatchObject({
			id: ana,
			identities: [{ kind: 'email', value: 'ana@example.org' }, { kind: 'phone', value: '+5511987650201' }],
			traits: { name: 'Ana', plan: 'gold' },
			channels: [{ channel: 'whatsapp', lastSeenAt: expect.any(String) }],
			mergedFrom: [merged],
			history: [{ channel: 'whatsapp', text: 'oi' }],
		});
		for (const selector of [
			['--id', merged],
			['--identifier', 'whatsapp:5511987650201'],
			['--identifier', 'whatsapp:551187650201'],
			['--identifier', 'phone:+55 (11) 98765-0201'],
			['--identifier', 'phone:(11) 98765-0201', '--default-country', 'BR'],
			['--identifier', 'email: ANA@Example.org'],
		]) {
			const run = await cli(['customer', '--store', store(), ...selector]);
			expect({ selector, code: run.code, id: run.code === 0 ? JSON.parse(run.stdout).id : run.stderr }).toEqual({ selector, code: 0, id: ana });
		}
		const messenger = await cli(['customer', '--store', store(), '--identifier', 'messenger:1001:2002']);
		expect(JSON.parse(messenger.stdout)).toMatchObject({ id: bruno, traits: { name: 'Bruno' } });
	});

	it('still answers to the names scripts used before: profile for customer, --identity for --identifier', async () => {
		const now = await cli(['customer', '--store', store(), '--identifier', 'email:ana@example.org']);
		const before = await cli(['profile', '--store', store(), '--identity', 'email:ana@example.org']);
		expect(now).toMatchObject({ code: 0, stderr: '' });
		expect(before).toEqual(now);
		expect(JSON.parse(before.stdout)).toMatchObject({ id: ana, mergedFrom: [merged] });
		expect(await cli(['profile', '--store', store(), '--identifier', 'whatsapp:5511987650201'])).toMatchObject({ code: 0, stdout: now.stdout });
		expect(await cli(['customer', '--store', store(), '--identity', 'email:nobody@example.org'])).toMatchObject({ code: 3, stderr: expect.stringContaining('no customer with') });
		expect(await cli(['customer', '--store', store(), '--identifier', 'email:ana@example.org', '--identity', 'email:ana@example.org'])).toMatchObject({
			code: 2,
			stderr: expect.stringContaining('--identity is the earlier name of --identifier: give one of them'),
		});
	});

	it('limits the history with --history', async () => {
		expect(JSON.parse((await cli(['customer', '--store', store(), '--id', ana, '--history', '0'])).stdout).history).toEqual([]);
		expect(await cli(['customer', '--store', store(), '--id', ana, '--history', 'all'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--history all') });
		// Beyond what the store's LIMIT takes, which used to fail as if the store had.
		expect(await cli(['customer', '--store', store(), '--id', ana, '--history', '99999999999999999999'])).toMatchObject({ code: 2, stderr: expect.stringContaining('expected a number of events from 0 to 100000') });
	});

	it('exits 3 when there is no such customer, with a message on stderr', async () => {
		for (const selector of [['--id', '00000000-0000-4000-8000-000000000000'], ['--id', 'not-a-uuid'], ['--identifier', 'email:nobody@example.org']]) {
			const run = await cli(['customer', '--store', store(), ...selector]);
			expect(run).toMatchObject({ code: 3, stdout: '', stderr: expect.stringContaining('no customer with') });
		}
	});

	it('exits 2 on usage errors: no customer named, both named, a malformed or invalid identifier', async () => {
		for (const command of ['customer', 'forget']) {
			expect(await cli([command, '--store', store()])).toMatchObject({ code: 2, stderr: expect.stringContaining('--id <customer id> or --identifier') });
			expect(await cli([command, '--store', store(), '--id', ana, '--identifier', 'email:a@b.org'])).toMatchObject({ code: 2, stderr: expect.stringContaining('not both') });
			expect(await cli([command, '--store', store(), '--identifier', 'ana@example.org'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--identifier ana@example.org: expected kind:value') });
			expect(await cli([command, '--store', store(), '--identity', 'ana@example.org'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--identity ana@example.org: expected kind:value') });
			expect(await cli([command, '--store', store(), '--identifier', 'email:nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining('not an e-mail address') });
			expect(await cli([command, '--store', store(), '--identifier', 'fax:123'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown identifier kind') });
		}
	});

	it('counts the store with stats', async () => {
		const run = await cli(['stats', '--store', store()]);
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toEqual({
			store: `embedded store in ${store()}`,
			customers: 2,
			mergedCustomers: 1,
			identities: { email: 1, messenger: 1, phone: 1 },
			events: { whatsapp: 1 },
			merges: 1,
			unmerges: 0,
			forgottenEvents: 0,
		});
	});

	it('forgets a customer and everyone merged into it; then it is not found (exit 3)', async () => {
		const run = await cli(['forget', '--store', store(), '--identifier', 'whatsapp:5511987650201']);
		expect(run).toMatchObject({ code: 0, stderr: '' });
		expect(JSON.parse(run.stdout)).toEqual({ forgotten: ana, customers: 2, identities: 2, events: 1, conversations: 0, shared_identifiers: 0, crm_activities: 0, consent_changes: 0, engagement_sends: 0, compacted: true });
		expect((await cli(['customer', '--store', store(), '--id', ana])).code).toBe(3);
		expect((await cli(['customer', '--store', store(), '--id', merged])).code).toBe(3);
		expect(await cli(['forget', '--store', store(), '--id', ana])).toMatchObject({ code: 3, stderr: expect.stringContaining('no customer with') });
		const stats = JSON.parse((await cli(['stats', '--store', store()])).stdout);
		expect(stats).toMatchObject({ customers: 1, mergedCustomers: 0, identities: { messenger: 1 }, forgottenEvents: 1 });
	});
});

describeEachCliStore('vacuum', (store) => {
	const location = store.use();

	it('compacts every table of the store and says which, and how long it took', async () => {
		await cli(['resolve', '--store', location()], jsonLine({ identities: [{ kind: 'email', value: 'vacuum@example.org' }] }));
		const run = await cli(['vacuum', '--store', location()]);
		expect(run).toMatchObject({ code: 0, stderr: '' });
		expect(JSON.parse(run.stdout)).toEqual({
			store: expect.any(String),
			tables: ['customers', 'identifiers', 'shared_identifiers', 'events', 'conversations', 'conversation_notes', 'crm_activities', 'consent_changes', 'engagement_sends', 'engagement_messages', 'merges', 'forgotten_events', 'forgotten_identifiers'],
			seconds: expect.any(Number),
		});
		expect(await cli(['vacuum', '--store', location(), 'extra'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unexpected argument extra') });
	});
});

describe('stats on a fresh in-memory store', () => {
	it('counts nothing', async () => {
		const run = await cli(['stats', '--store', 'memory://']);
		expect(JSON.parse(run.stdout)).toMatchObject({ store: 'in-memory embedded store', customers: 0, identities: {} });
	});
});
