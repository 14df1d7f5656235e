import { Client } from 'pg';
import type { Identity } from '../../core';

/**
 * What a user builds from n8n's Postgres node, one query per node and item: look each
 * identifier up, then insert the customer and identifiers or move them, then insert the
 * event. No batching, no transaction, no locking.
 */
export class NaiveResolver {
	constructor(private readonly client: Client) {}

	static async open(connectionString: string, schema: string): Promise<NaiveResolver> {
		const client = new Client({ connectionString });
		await client.connect();
		await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path TO ${schema};
			CREATE TABLE customers (id bigserial PRIMARY KEY, created_at timestamptz DEFAULT now());
			CREATE TABLE identifiers (kind text, value text, customer_id bigint, PRIMARY KEY (kind, value));
			CREATE TABLE history (customer_id bigint, channel text, external_id text, body jsonb, PRIMARY KEY (channel, external_id));`);
		return new NaiveResolver(client);
	}

	async resolve(identities: Identity[], event: { channel: string; externalId: string; body: unknown }): Promise<void> {
		const owners: number[] = [];
		for (const identity of identities) {
			const { rows } = await this.client.query('SELECT customer_id FROM identifiers WHERE kind = $1 AND value = $2', [identity.kind, identity.value]);
			if (rows[0]) owners.push(Number(rows[0].customer_id));
		}
		let customer = owners.length ? Math.min(...owners) : undefined;
		if (customer === undefined) customer = Number((await this.client.query('INSERT INTO customers DEFAULT VALUES RETURNING id')).rows[0].id);
		for (const other of new Set(owners)) {
			if (other !== customer) await this.client.query('UPDATE identifiers SET customer_id = $1 WHERE customer_id = $2', [customer, other]);
		}
		for (const identity of identities) {
			await this.client.query('INSERT INTO identifiers (kind, value, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [identity.kind, identity.value, customer]);
		}
		await this.client.query('INSERT INTO history VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [customer, event.channel, event.externalId, JSON.stringify(event.body)]);
	}

	async close(schema: string): Promise<void> {
		await this.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await this.client.end();
	}
}
