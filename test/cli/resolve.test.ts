import { join } from 'node:path';
import { closeStores, openStore, parseStoreLocation } from '../../core';
import { inboundMessage } from '../support/events';
import { dropSchema, postgresUnavailable, TEST_POSTGRES_URL, uniqueSchema } from '../support/postgres';
import { cli, describeEachCliStore, jsonLine, jsonLines, spawnCli, useTempFolder, writeTempFile } from './cli-harness';

const ids = (...identities: { kind: string; value: string; country?: string }[]) => ({ identities });

describeEachCliStore('resolve', (cliStore) => {
	const store = cliStore.use();
	const folder = useTempFolder();

	it('answers every line in order, with merges, error lines for bad ones, and goes on', async () => {
		const event = inboundMessage([{ kind: 'phone', value: '+5511987650101' }], { channel: 'whatsapp' });
		const input = [
			jsonLine({ ...ids({ kind: 'email', value: 'ana@example.org' }), name: 'Ana' }),
			'\n',
			jsonLine(ids({ kind: 'whatsapp', value: '5511987650101' })),
			'not json {\n',
			'[1, 2]\n',
			jsonLine(ids({ kind: 'email', value: 'test@test.com' })),
			jsonLine(ids({ kind: 'phone', value: '(11) 98765-0101', country: 'BR' }, { kind: 'email', value: ' ANA@example.org ' })),
			'{"foo": 1}\n',
			jsonLine(event),
			'   \n',
			jsonLine(ids({ kind: 'messenger', value: 'PAGE1:PSID1' })),
		].join('');
		const run = await cli(['resolve', '--store', store()], input);
		expect(run).toMatchObject({ code: 0, stderr: '' });
		const lines = jsonLines(run);
		expect(lines.map((line) => line.line)).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 11]);
		const [ana, wa, badJson, notObject, placeholder, link, noIdentities, fromEvent, messenger] = lines;
		expect(ana).toEqual({ line: 1, customerId: expect.any(String), created: true, merged: [] });
		expect(wa).toEqual({ line: 3, customerId: expect.any(String), created: true, merged: [] });
		expect(badJson).toEqual({ line: 4, error: expect.stringMatching(/^invalid JSON/) });
		expect(notObject).toEqual({ line: 5, error: 'expected a JSON object' });
		expect(placeholder).toEqual({ line: 6, error: expect.stringContaining('no usable identifier') });
		expect(link).toEqual({ line: 7, customerId: ana.customerId, created: false, merged: [wa.customerId] });
		expect(noIdentities).toEqual({ line: 8, error: expect.stringContaining('"identities"') });
		expect(fromEvent).toEqual({ line: 9, customerId: ana.customerId, created: false, merged: [] });
		expect(messenger).toEqual({ line: 11, customerId: expect.any(String), created: true, merged: [] });
		expect(new Set([ana.customerId, wa.customerId, messenger.customerId]).size).toBe(3);
	});

	it('adds warnings only when a line has some', async () => {
		const run = await cli(['resolve', '--store', store()], [
			jsonLine(ids({ kind: 'email', value: 'bruno@example.org' }, { kind: 'email', value: 'not-an-email' })),
			jsonLine(ids({ kind: 'email', value: 'bruno@example.org' })),
		].join(''));
		const [first, second] = jsonLines(run);
		expect(first).toEqual({ line: 1, customerId: expect.any(String), created: true, merged: [], warnings: [expect.stringContaining('not-an-email')] });
		expect(second).toEqual({ line: 2, customerId: first.customerId, created: false, merged: [] });
	});

	it('answers half a character (a lone surrogate) in an identifier with a clear error on its line, each time', async () => {
		const lone = '{"identities":[{"kind":"external","value":"cli-\\ud800x"}]}\n';
		const run = await cli(['resolve', '--store', store()], [lone, jsonLine(ids({ kind: 'external', value: 'cli-\u200bok' })), lone].join(''));
		const [first, fine, again] = jsonLines(run);
		for (const [line, result] of [[1, first], [3, again]] as const) {
			expect(result).toEqual({ line, error: expect.stringMatching(/^no usable identifier \(ignored external: "cli-\\ud800x" is not valid Unicode text/) });
		}
		expect(fine).toEqual({ line: 2, customerId: expect.any(String), created: true, merged: [] });
		// The identifier was stored as it is looked up: without the zero-width space.
		const later = jsonLines(await cli(['resolve', '--store', store()], jsonLine(ids({ kind: 'external', value: 'cli-ok' }))))[0];
		expect(later).toEqual({ line: 1, customerId: store() === 'memory://' ? expect.any(String) : fine.customerId, created: store() === 'memory://', merged: [] });
	});

	it('answers a line with a wrong field in our words, never an internal error, and resolves the others', async () => {
		const phone = { kind: 'phone', value: '(11) 98765-0120' };
		const run = await cli(['resolve', '--store', store(), '--default-country', 'US'], [
			jsonLine({ identities: [phone], country: 55 }),
			jsonLine({ identities: [{ ...phone, country: 55 }] }),
			jsonLine({ identities: [phone], country: 'br' }),
			jsonLine({ identities: [{ kind: 'email', value: 'x@example.org' }], name: ['Ana'] }),
			jsonLine({ identities: [{ kind: 'email', value: ['x@example.org'] }] }),
		].join(''));
		expect(run).toMatchObject({ code: 0, stderr: '' });
		expect(jsonLines(run)).toEqual([
			{ line: 1, error: 'country must be a two-letter country code such as "BR"' },
			{ line: 2, error: 'identities[0].country must be a two-letter country code such as "BR"' },
			{ line: 3, customerId: expect.any(String), created: true, merged: [] },
			{ line: 4, error: 'name must be text' },
			{ line: 5, error: 'identities[0].value must be text or a number' },
		]);
		expect(run.stdout).not.toMatch(/is not a function|store refused/);
	});

	it('reads FILE or stdin (-), and applies --default-country to national phone numbers', async () => {
		const file = writeTempFile(folder(), 'in.jsonl', `\uFEFF${jsonLine(ids({ kind: 'phone', value: '(21) 98765-0102' }))}`);
		const fromFile = jsonLines(await cli(['resolve', '--store', store(), '--default-country', 'br', file]));
		expect(fromFile).toEqual([{ line: 1, customerId: expect.any(String), created: true, merged: [] }]);
		const withoutCountry = jsonLines(await cli(['resolve', '--store', store(), file]));
		expect(withoutCountry).toEqual([{ line: 1, error: expect.stringContaining('no country code') }]);
		const fromStdin = jsonLines(await cli(['resolve', '--store', store(), '-'], jsonLine(ids({ kind: 'whatsapp', value: '5521987650102' }))));
		expect(fromStdin[0].created).toBe(store() !== 'memory://' ? false : true);
	});

	it('streams a large input through several batches, in order', async () => {
		const lines: string[] = [];
		for (let n = 1; n <= 1203; n++) {
			if (n === 700) lines.push('{oops\n');
			else if (n % 100 === 0) lines.push(jsonLine(ids({ kind: 'email', value: `bulk${n - 50}@example.org` })));
			else lines.push(jsonLine(ids({ kind: 'email', value: `bulk${n}@example.org` })));
		}
		const run = await cli(['resolve', '--store', store()], lines.join(''));
		expect(run.code).toBe(0);
		const results = jsonLines(run);
		expect(results.map((result) => result.line)).toEqual(Array.from({ length: 1203 }, (_, i) => i + 1));
		expect(results[699]).toEqual({ line: 700, error: expect.stringMatching(/^invalid JSON/) });
		expect(results[999]).toEqual({ line: 1000, customerId: results[949].customerId, created: false, merged: [] });
		// Every 100th line repeats an earlier e-mail (12 of them, but line 700 is the bad one).
		expect(results.filter((result) => result.created).length).toBe(1203 - 11 - 1);
	});
});

/** Makes the store refuse one event, as a full disk or a failing constraint would. */
async function refuseEvent(location: string, externalId: string): Promise<void> {
	const db = await openStore(parseStoreLocation(location));
	await db.exec(`
		CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.body->>'externalId' = '${externalId}' THEN RAISE EXCEPTION 'no space left on device (simulated)'; END IF; RETURN NEW; END $$;
		CREATE TRIGGER refuse_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_event();`);
	await closeStores();
}

const REFUSING_STORES = [
	{ name: 'embedded (folder)', available: true, location: (folder: string) => join(folder, 'store') },
	{ name: 'PostgreSQL server', available: !postgresUnavailable, location: () => `${TEST_POSTGRES_URL}?schema=${refusingSchema}` },
];
const refusingSchema = uniqueSchema('omni_cli_refuse');
afterAll(() => (postgresUnavailable ? undefined : dropSchema(refusingSchema)));

for (const variant of REFUSING_STORES) {
	(variant.available ? describe : describe.skip)(`resolve with a store that refuses one input — ${variant.name}`, () => {
		const folder = useTempFolder();

		it('gives an error line for that input, and resolves the rest of its batch', async () => {
			const location = variant.location(folder());
			await refuseEvent(location, 'refused');
			const event = inboundMessage([{ kind: 'email', value: 'refused@example.org' }], { channel: 'email', provider: 'smtp', externalId: 'refused' });
			const run = await cli(['resolve', '--store', location], [
				jsonLine(ids({ kind: 'email', value: 'first@example.org' })),
				jsonLine(event),
				jsonLine(ids({ kind: 'email', value: 'third@example.org' })),
			].join(''));
			expect(run.code).toBe(0);
			const [first, refused, third] = jsonLines(run);
			expect(first).toMatchObject({ line: 1, created: true });
			expect(refused).toEqual({ line: 2, error: expect.stringContaining('the store refused this input: no space left on device (simulated)') });
			expect(third).toMatchObject({ line: 3, created: true });
		});
	});
}

describe('resolve — a slow input through a pipe', () => {
	let child: ReturnType<typeof spawnCli> | undefined;
	// Were line 1 held until the input ends, the test would time out: the child must not outlive it.
	afterEach(() => child?.kill());

	it('answers each line within about a second, before the input ends', async () => {
		const resolver = spawnCli(['resolve', '--store', 'memory://']);
		child = resolver;
		let stdout = '';
		let stderr = '';
		const waiters: (() => void)[] = [];
		resolver.stdout.on('data', (chunk) => {
			stdout += chunk;
			waiters.splice(0).forEach((wake) => wake());
		});
		resolver.stderr.on('data', (chunk) => (stderr += chunk));
		const exited = new Promise<number | null>((resolve) => resolver.on('close', resolve));
		const answers = () => stdout.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
		const answered = async (count: number) => {
			while (answers().length < count) await new Promise<void>((wake) => waiters.push(wake));
			return Date.now();
		};

		resolver.stdin.write(jsonLine(ids({ kind: 'email', value: 'slow1@example.org' })));
		await answered(1);
		expect(answers()).toEqual([{ line: 1, customerId: expect.any(String), created: true, merged: [] }]);
		// The store is open and warm now: the next lines are answered once the input has paused for about a second.
		const written = Date.now();
		resolver.stdin.write(jsonLine(ids({ kind: 'email', value: 'slow1@example.org' })));
		resolver.stdin.write(jsonLine(ids({ kind: 'email', value: 'slow2@example.org' })));
		const elapsed = (await answered(3)) - written;
		expect(elapsed).toBeGreaterThanOrEqual(900);
		expect(elapsed).toBeLessThan(10_000);
		expect(answers().slice(1)).toEqual([
			{ line: 2, customerId: answers()[0].customerId, created: false, merged: [] },
			{ line: 3, customerId: expect.any(String), created: true, merged: [] },
		]);

		resolver.stdin.end();
		expect(await exited).toBe(0);
		expect(stderr).toBe('');
		expect(answers()).toHaveLength(3);
	});
});

describe('resolve — failures', () => {
	it('exits 1 with one line naming the store, without its password, when the store fails', async () => {
		const run = await cli(['resolve', '--store', 'postgres://admin:s3cret@127.0.0.1:1/test'], jsonLine(ids({ kind: 'email', value: 'x@example.org' })));
		expect(run.code).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/^n8n-omnichannel resolve: --store postgres:\/\/admin:\*\*\*@127\.0\.0\.1:1\/test: connection refused/);
		expect(run.stderr).not.toContain('s3cret');
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('exits 1 when FILE cannot be read, 2 on usage errors', async () => {
		expect(await cli(['resolve', '--store', 'memory://', '/nonexistent/in.jsonl'])).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read /nonexistent/in.jsonl: no such file') });
		expect(await cli(['resolve', '--store', 'memory://', 'a.jsonl', 'b.jsonl'])).toMatchObject({ code: 2, stderr: expect.stringContaining('one input file at most') });
		expect(await cli(['resolve', '--default-country', 'Brazil'])).toMatchObject({ code: 2, stderr: expect.stringContaining('two-letter country code') });
		expect(await cli(['resolve', '--unknown'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--unknown'") });
		expect(await cli(['resolve', '--store', 'postgres://[bad'])).toMatchObject({ code: 2, stderr: expect.stringContaining('not a valid postgres:// URL') });
	});

	it('documents itself with --help', async () => {
		const run = await cli(['resolve', '--help']);
		expect(run).toMatchObject({ code: 0, stderr: '' });
		expect(run.stdout).toContain('Usage: n8n-omnichannel resolve');
	});
});
