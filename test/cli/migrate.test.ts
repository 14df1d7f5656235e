import { MIGRATIONS } from '../../core/store/migrations';
import { dropSchema, postgresUnavailable, TEST_POSTGRES_URL, uniqueSchema } from '../support/postgres';
import { cli, jsonLine, jsonLines } from './cli-harness';

(postgresUnavailable ? describe.skip : describe)('migrate — PostgreSQL server', () => {
	const schema = uniqueSchema('omni_cli_migrate');
	const store = `${TEST_POSTGRES_URL}?schema=${schema}`;
	afterAll(() => dropSchema(schema));

	it('applies the migrations to a new schema, then reports it up to date', async () => {
		expect(MIGRATIONS[0]).toMatchObject({ version: 1, name: 'identity graph' });
		const first = await cli(['migrate', '--store', store]);
		expect(first).toMatchObject({ code: 0, stderr: '' });
		expect(JSON.parse(first.stdout)).toEqual({
			store: `PostgreSQL ${TEST_POSTGRES_URL}`,
			schema,
			applied: MIGRATIONS.map(({ version, name }) => ({ version, name })),
			version: MIGRATIONS[MIGRATIONS.length - 1].version,
			status: 'migrated',
		});
		const again = await cli(['migrate', '--store', store]);
		expect(JSON.parse(again.stdout)).toMatchObject({ applied: [], status: 'already up to date' });
	});

	it('leaves a store the other commands use', async () => {
		const resolved = jsonLines(await cli(['resolve', '--store', store], jsonLine({ identities: [{ kind: 'email', value: 'migrated@example.org' }] })));
		expect(resolved).toEqual([{ line: 1, customerId: expect.any(String), created: true, merged: [] }]);
		expect(JSON.parse((await cli(['stats', '--store', store])).stdout)).toMatchObject({ customers: 1 });
	});
});

describe('migrate — refusals', () => {
	it('needs a postgres:// URL (exit 2)', async () => {
		for (const args of [[], ['--store', '/tmp/omnichannel-folder'], ['--store', 'memory://']]) {
			expect(await cli(['migrate', ...args])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('migrate needs --store postgres://') });
		}
	});

	it('exits 1 naming the server, without its password, when it cannot connect', async () => {
		const run = await cli(['migrate', '--store', 'postgres://admin:s3cret@127.0.0.1:1/test']);
		expect(run).toMatchObject({ code: 1, stderr: expect.stringContaining('--store postgres://admin:***@127.0.0.1:1/test: connection refused') });
		expect(run.stderr).not.toContain('s3cret');
	});
});
