import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHelpers, type ICredentialDataDecryptedObject, type IDataObject, type INodeParameters, type INodeType } from 'n8n-workflow';
import { closeStores, CustomerGraph, openStore, type Customer } from '../../core';
import { CustomerMerge } from '../../nodes/CustomerMerge/CustomerMerge.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { inboundMessage } from '../support/events';
import { runListSearch, runWorkflow } from '../support/n8n-harness';
import { dropSchema, postgresUnavailable, uniqueSchema } from '../support/postgres';

const STORES: { name: string; available: boolean; credential: () => ICredentialDataDecryptedObject }[] = [
	{ name: 'embedded store in a folder', available: true, credential: () => ({ storeType: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-node-')) }) },
	{
		name: 'PostgreSQL server',
		available: !postgresUnavailable,
		credential: () => ({ storeType: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema: uniqueSchema('omni_node') }),
	},
];

/** A resource locator's value as the editor saves it. */
const locator = (value: string, mode: 'list' | 'id' = 'id') => ({ __rl: true, mode, value });

for (const store of STORES) {
	(store.available ? describe : describe.skip)(`Customer Merge node through n8n — ${store.name}`, () => {
		let credential: ICredentialDataDecryptedObject;
		let graph: CustomerGraph;
		beforeAll(async () => {
			credential = store.credential();
			graph = new CustomerGraph(await openStore(storeConfigFromCredential(credential)));
		});
		afterAll(async () => {
			await closeStores();
			if (credential.storeType === 'postgres') await dropSchema(String(credential.schema));
			else rmSync(String(credential.folder), { recursive: true, force: true });
		});

		const run = (parameters: INodeParameters, items: IDataObject[], onError?: 'continueRegularOutput' | 'continueErrorOutput', typeVersion = 2) =>
			runWorkflow({
				nodeTypes: { customerMerge: new CustomerMerge() },
				nodes: [{ name: 'Customer Merge', type: 'customerMerge', typeVersion, parameters, onError }],
				credentials: { omnichannelStoreApi: credential },
				items: items.map((json) => ({ json })),
			});

		it('resolves channel events to one customer across channels, with history and pairedItem', async () => {
			const instagram = { kind: 'instagram' as const, value: '17841400000000001:777' };
			const items = [
				inboundMessage([{ kind: 'phone', value: '+5511987654321' }], { from: { identities: [{ kind: 'phone', value: '+5511987654321' }], name: 'Ana' } }),
				inboundMessage([instagram], { channel: 'instagram' }),
				inboundMessage([{ kind: 'phone', value: '+5511987654321' }, instagram], { channel: 'webchat', provider: 'webchat' }),
			];
			const result = await run({ operation: 'resolve', historyLimit: 5 }, items as unknown as IDataObject[]);
			expect(result.error).toBeUndefined();
			const output = result.outputOf('Customer Merge');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			const last = output[2].json as { customer: Customer; resolution: IDataObject; text: string };
			expect(last.text).toBe(items[2].text);
			expect(last.customer.id).toBe((output[0].json.customer as Customer).id);
			expect(last.resolution).toMatchObject({ created: false, merged: [(output[1].json.customer as Customer).id] });
			expect(last.customer.traits).toEqual({ name: 'Ana' });
			expect(last.customer.history.map((entry) => entry.channel)).toEqual(expect.arrayContaining(['whatsapp', 'instagram', 'webchat']));
		});

		it('resolves mapped fields with a default country, and warns about placeholders', async () => {
			const result = await run(
				{ operation: 'resolve', identifyBy: 'fields', email: '={{ $json.mail }}', phone: '={{ $json.tel }}', name: '={{ $json.nome }}', defaultCountry: 'BR' },
				[{ mail: 'test@test.com', tel: '(11) 98765-4321', nome: 'Ana Souza' }],
			);
			const json = result.jsonOf('Customer Merge')[0] as { customer: Customer; resolution: { warnings: string[] } };
			expect(json.customer.identities).toContainEqual({ kind: 'phone', value: '+5511987654321' });
			expect(json.resolution.warnings[0]).toContain('placeholder');
		});

		it('stops on an item without identifiers before storing anything, or reports it and goes on', async () => {
			const before = await graph.stats();
			const items = [{ mail: 'new.person@example.org' }, { mail: 'n/a' }];
			const parameters = { operation: 'resolve', identifyBy: 'fields', email: '={{ $json.mail }}' };
			const failed = await run(parameters, items);
			expect(failed.error?.message).toContain('Item 2: no usable identifier');
			expect(await graph.stats()).toEqual(before);

			const continued = await run(parameters, items, 'continueRegularOutput');
			const [good, bad] = continued.jsonOf('Customer Merge');
			expect((good.customer as Customer).identities).toEqual([{ kind: 'email', value: 'new.person@example.org' }]);
			expect(bad.error).toContain('no usable identifier');
		});

		it('resolves an event of an execution started before events named their account, as version 2 reads it', async () => {
			const { account, ...event } = inboundMessage([{ kind: 'phone', value: '+5511987654399' }], { account: '106540000000001' });
			const result = await run({ operation: 'resolve', historyLimit: 5 }, [{ ...event, id: `whatsapp:${event.externalId}`, to: { account } } as unknown as IDataObject]);
			expect(result.error).toBeUndefined();
			const [entry] = (result.jsonOf('Customer Merge')[0].customer as Customer).history;
			expect(entry).toMatchObject({ account: '106540000000001', externalId: event.externalId, event: { schemaVersion: 2, account: '106540000000001', id: `whatsapp:106540000000001:${event.externalId}` } });
		});

		it('reports a default country that is not a two-letter code in its own words', async () => {
			const parameters = { operation: 'resolve', identifyBy: 'fields', phone: '={{ $json.tel }}', defaultCountry: '={{ $json.country }}' };
			for (const country of [55, 'Brazil']) {
				const result = await run(parameters, [{ tel: '(11) 98765-4321', country }]);
				expect(result.error?.message).toMatch(/^Item 1: no usable identifier \(ignored phone: country .* must be a two-letter country code such as "BR"\)$/);
			}
		});

		describe('with a store that refuses one event, as a full disk or a failing constraint would', () => {
			beforeAll(async () => {
				await graph.db.exec(`
					CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN IF NEW.body->>'externalId' LIKE 'refused-%' THEN RAISE EXCEPTION 'no space left on device (simulated)'; END IF; RETURN NEW; END $$;
					CREATE TRIGGER refuse_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_event();`);
			});
			afterAll(async () => {
				await graph.db.exec('DROP TRIGGER refuse_event ON events; DROP FUNCTION refuse_event();');
			});

			/** An e-mail from `name`; its id starts with "refused-" when the store is to refuse it. */
			const mail = (name: string, refused = false) =>
				inboundMessage([{ kind: 'email', value: `${name}@example.org` }], { channel: 'email', provider: 'smtp', externalId: `${refused ? 'refused' : 'ok'}-${name}` }) as unknown as IDataObject;
			/** The events stored for `name`'s customer, or undefined when there is no such customer. */
			const storedEvents = async (name: string) => {
				const id = await graph.findCustomerId({ identifier: { kind: 'email', value: `${name}@example.org` } });
				return id && (await graph.getCustomer(id, 10))!.history.map((entry) => entry.externalId);
			};
			const eventCount = async () => Object.values((await graph.stats()).events).reduce((sum, n) => sum + n, 0);

			it('stops the node naming the item, with the rest of its batch stored once and nothing of the item', async () => {
				const before = await eventCount();
				const result = await run({ operation: 'resolve' }, [mail('stop.a'), mail('stop.b', true), mail('stop.c')]);
				expect(result.error?.message).toBe('Item 2 was not stored: the store refused this input: no space left on device (simulated)');
				expect(result.error?.description).toContain('The other items up to item 3 were stored.');
				expect(await storedEvents('stop.a')).toEqual(['ok-stop.a']);
				expect(await storedEvents('stop.c')).toEqual(['ok-stop.c']);
				expect(await storedEvents('stop.b')).toBeUndefined();
				expect(await eventCount()).toBe(before + 2);
			});

			it('sends the item to the error output, paired and with its fields, and the others on', async () => {
				const items = [mail('out.a'), mail('out.b', true), mail('out.c')];
				const result = await run({ operation: 'resolve' }, items, 'continueErrorOutput');
				expect(result.error).toBeUndefined();
				const stored = result.outputOf('Customer Merge', 0);
				expect(stored.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
				expect(stored.map((item) => (item.json.customer as Customer).identities[0].value)).toEqual(['out.a@example.org', 'out.c@example.org']);
				const [refused] = result.outputOf('Customer Merge', 1);
				expect(refused.pairedItem).toEqual({ item: 1 });
				expect(refused.json).toMatchObject({ externalId: 'refused-out.b', error: 'Item 2 was not stored: the store refused this input: no space left on device (simulated)' });
				expect(await storedEvents('out.a')).toEqual(['ok-out.a']);
				expect(await storedEvents('out.b')).toBeUndefined();
			});

			it('across batches: stops after the batch of the item, or with continue on fail stores every other item exactly once', async () => {
				const items = [mail('batch.a'), mail('batch.b'), mail('batch.c', true), mail('batch.d'), mail('batch.e')];
				const before = await eventCount();
				const stopped = await run({ operation: 'resolve', options: { batchSize: 2 } }, items);
				expect(stopped.error?.message).toContain('Item 3 was not stored');
				expect(stopped.error?.description).toContain('The other items up to item 4 were stored; items after item 4 were not.');
				expect(await storedEvents('batch.d')).toEqual(['ok-batch.d']);
				expect(await storedEvents('batch.e')).toBeUndefined();
				expect(await eventCount()).toBe(before + 3);

				// Run again, continuing: what was stored is recognised as stored, the last item is added.
				const continued = await run({ operation: 'resolve', options: { batchSize: 2 } }, items, 'continueRegularOutput');
				const output = continued.jsonOf('Customer Merge');
				expect(output.map((json) => (json.resolution as IDataObject | undefined)?.duplicate ?? json.error)).toEqual([
					true,
					true,
					'Item 3 was not stored: the store refused this input: no space left on device (simulated)',
					true,
					false,
				]);
				expect(await storedEvents('batch.e')).toEqual(['ok-batch.e']);
				expect(await storedEvents('batch.c')).toBeUndefined();
				expect(await eventCount()).toBe(before + 4);
			});
		});

		it('explains what to do when an item is not a channel event', async () => {
			const result = await run({ operation: 'resolve' }, [{ email: 'x@example.org' }]);
			expect(result.error?.message).toContain('Item 1 is not a channel event');
			expect(result.error?.description).toContain('Mapped Fields');
		});

		it('version 1 resolves mapped fields as before', async () => {
			const result = await run({ operation: 'resolve', identifyBy: 'fields', email: '={{ $json.mail }}', name: '={{ $json.nome }}' }, [{ mail: 'v1.resolve@example.org', nome: 'Vi' }], undefined, 1);
			expect(result.jsonOf('Customer Merge')[0]).toMatchObject({ mail: 'v1.resolve@example.org', customer: { traits: { name: 'Vi' } }, resolution: { created: true } });
		});

		it('version 1 gets a customer by identifier or typed id, and says when there is none', async () => {
			const [outcome] = await graph.resolve([{ identities: [{ kind: 'email', value: 'get.me@example.org' }], traits: { plan: 'pro' } }]);
			const result = await run(
				{ operation: 'get', findBy: 'identifier', identifierKind: 'email', identifierValue: '={{ $json.email }}' },
				[{ email: 'GET.ME@example.org' }, { email: 'nobody@example.org' }],
				undefined,
				1,
			);
			const [found, missing] = result.jsonOf('Customer Merge');
			expect(found).toMatchObject({ found: true, customer: { id: outcome.customerId, traits: { plan: 'pro' } } });
			expect(missing).toEqual({ found: false, customer: null, message: 'No customer with email nobody@example.org' });
			const byId = await run({ operation: 'get', findBy: 'id', customerId: outcome.customerId }, [{}], undefined, 1);
			expect(byId.jsonOf('Customer Merge')[0]).toMatchObject({ found: true, customer: { id: outcome.customerId } });
		});

		it('version 1 adds an identifier, merges, updates traits, unmerges and forgets, with typed ids', async () => {
			const [a, b] = await graph.resolve([{ identities: [{ kind: 'email', value: 'ops.a@example.org' }] }, { identities: [{ kind: 'email', value: 'ops.b@example.org' }] }]);
			const node = async (parameters: INodeParameters) => {
				const result = await run(parameters, [{}], undefined, 1);
				expect(result.error).toBeUndefined();
				return result.jsonOf('Customer Merge')[0];
			};
			expect(await node({ operation: 'addIdentity', customerId: a.customerId, identifierKind: 'whatsapp', identifierValue: '5215512345678' })).toMatchObject({
				added: true,
				customer: { identities: [{ kind: 'email', value: 'ops.a@example.org' }, { kind: 'phone', value: '+525512345678' }] },
			});
			expect(await node({ operation: 'merge', primaryCustomerId: a.customerId, secondaryCustomerId: b.customerId, note: 'same person' })).toMatchObject({
				customerId: a.customerId,
				merged: [b.customerId],
				customer: { mergedFrom: [b.customerId] },
			});
			expect(await node({ operation: 'updateTraits', customerId: b.customerId, traits: { trait: [{ name: 'language', value: 'pt-BR' }] } })).toMatchObject({
				customerId: a.customerId,
				traits: { language: 'pt-BR' },
			});
			expect(await node({ operation: 'unmerge', mergedCustomerId: b.customerId })).toMatchObject({ customerId: b.customerId, unmergedFrom: a.customerId });
			expect(await node({ operation: 'forget', findBy: 'identifier', identifierKind: 'email', identifierValue: 'ops.b@example.org' })).toEqual({
				forgotten: true,
				customerId: b.customerId,
				customers: 1,
				identities: 1,
				events: 0,
				conversations: 0,
				shared_identifiers: 0,
				crm_activities: 0,
				consent_changes: 0,
				engagement_sends: 0,
				// The embedded store compacts its tables after a Forget; a server is left to `n8n-omnichannel vacuum`.
				compacted: store.name.startsWith('embedded'),
			});
			expect(await graph.findCustomerId({ id: b.customerId! })).toBeUndefined();
		});

		/** What the editor's customer list shows for what was typed, and the token of its next page. */
		const search = (filter: string, method = 'searchCustomers', paginationToken?: string) =>
			runListSearch({ nodeType: new CustomerMerge(), parameters: { operation: 'get' }, credentials: { omnichannelStoreApi: credential }, method, parameter: 'customer', filter, paginationToken });

		it('lists customers by part of any identifier or name, with their main identifiers, a page at a time', async () => {
			const [vera, bot] = await graph.resolve([
				{ identities: [{ kind: 'email', value: 'vera.list@example.org' }, { kind: 'phone', value: '+5511955554444' }, { kind: 'telegram', value: '777001' }], name: 'Vera Lista' },
				{ identities: [{ kind: 'telegram', value: '777002' }] },
			]);
			const veraEntry = { name: 'Vera Lista · vera.list@example.org, +5511955554444, telegram 777001', value: vera.customerId, description: expect.stringContaining(`ID ${vera.customerId}`) };
			expect((await search('11 95555-4444')).results).toEqual([veraEntry]);
			expect((await search('VERA')).results).toEqual([veraEntry]);
			expect((await search('77700')).results.map((entry) => entry.value)).toEqual([bot.customerId, vera.customerId]);
			expect((await search('77700')).results[0].name).toBe('telegram 777002');

			await graph.resolve(Array.from({ length: 51 }, (_, i) => ({ identities: [{ kind: 'email', value: `paged.${i}@example.org` }] })));
			const first = await search('paged.');
			expect(first.results).toHaveLength(50);
			const second = await search('paged.', 'searchCustomers', first.paginationToken);
			expect(second.results).toHaveLength(1);
			expect(second.paginationToken).toBeUndefined();
			expect(new Set([...first.results, ...second.results].map((entry) => entry.value)).size).toBe(51);
		});

		it('version 2 gets a customer picked from the list, given by ID, or found by an identifier', async () => {
			const [outcome] = await graph.resolve([{ identities: [{ kind: 'email', value: 'v2.get@example.org' }], traits: { plan: 'pro' } }]);
			const [picked] = (await search('v2.get@')).results;
			const expected = { found: true, customer: { id: outcome.customerId, traits: { plan: 'pro' } } };
			const fromList = await run({ operation: 'get', customer: locator(String(picked.value), 'list') }, [{}]);
			expect(fromList.jsonOf('Customer Merge')).toMatchObject([expected]);
			const byId = await run({ operation: 'get', customer: locator('={{ $json.id }}') }, [{ id: outcome.customerId }]);
			expect(byId.outputOf('Customer Merge')).toMatchObject([{ json: expected, pairedItem: { item: 0 } }]);
			const byIdentifier = await run({ operation: 'get', findBy: 'identifier', identifierKind: 'email', identifierValue: '={{ $json.email }}' }, [
				{ email: 'V2.GET@example.org' },
				{ email: 'v2.nobody@example.org' },
			]);
			expect(byIdentifier.jsonOf('Customer Merge')).toMatchObject([expected, { found: false, customer: null, message: 'No customer with email v2.nobody@example.org' }]);
		});

		it('version 2 refuses a customer ID that is not one, saying what an ID looks like, or reports it and goes on', async () => {
			const parameters = { operation: 'get', customer: locator('={{ $json.id }}') };
			const failed = await run(parameters, [{ id: 'ana@example.org' }]);
			expect(failed.error?.message).toBe('"ana@example.org" is not a customer ID: a customer ID is a UUID such as 01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11');
			expect(failed.error?.description).toContain('Pick the customer from the list');
			const [good] = await graph.resolve([{ identities: [{ kind: 'email', value: 'v2.bad.id@example.org' }] }]);
			const continued = await run(parameters, [{ id: '12345' }, { id: good.customerId }], 'continueRegularOutput');
			expect(continued.outputOf('Customer Merge')).toEqual([
				{ json: { error: expect.stringContaining('"12345" is not a customer ID') }, pairedItem: { item: 0 } },
				{ json: expect.objectContaining({ found: true }), pairedItem: { item: 1 } },
			]);
			// Typed into By ID, n8n checks it against the mode's pattern before the workflow runs.
			await expect(run({ operation: 'merge', primaryCustomer: locator(good.customerId!), secondaryCustomer: locator('not-an-id') }, [{}])).rejects.toThrow(
				'A customer ID is a UUID, e.g. 01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11',
			);
		});

		it('version 2 adds an identifier, merges, updates traits, unmerges and forgets customers picked from the lists', async () => {
			const [a, b] = await graph.resolve([
				{ identities: [{ kind: 'email', value: 'v2ops.a@example.org' }], name: 'Olga' },
				{ identities: [{ kind: 'email', value: 'v2ops.b@example.org' }] },
			]);
			const node = async (parameters: INodeParameters) => {
				const result = await run(parameters, [{}]);
				expect(result.error).toBeUndefined();
				return result.jsonOf('Customer Merge')[0];
			};
			const pick = async (filter: string, method?: string) => {
				const { results } = await search(filter, method);
				expect(results).toHaveLength(1);
				return locator(String(results[0].value), 'list');
			};
			expect(await node({ operation: 'addIdentifier', customer: await pick('v2ops.a@'), identifierKind: 'whatsapp', identifierValue: '5215512340000' })).toMatchObject({
				added: true,
				customer: { identities: [{ kind: 'email', value: 'v2ops.a@example.org' }, { kind: 'phone', value: '+525512340000' }] },
			});
			expect(await node({ operation: 'merge', primaryCustomer: await pick('olga'), secondaryCustomer: await pick('v2ops.b@'), note: 'same person' })).toMatchObject({
				customerId: a.customerId,
				merged: [b.customerId],
			});
			// The customer merged away is no longer listed; its e-mail now finds the customer it went into.
			expect((await search('v2ops.b@')).results.map((entry) => entry.value)).toEqual([a.customerId]);
			const [mergedEntry] = (await search('olga', 'searchMergedCustomers')).results;
			expect(mergedEntry).toMatchObject({ value: b.customerId, name: `${b.customerId}, merged into Olga · v2ops.a@example.org, v2ops.b@example.org, +525512340000` });

			expect(await node({ operation: 'updateTraits', customer: locator(b.customerId!), traits: { trait: [{ name: 'language', value: 'pt-BR' }] } })).toMatchObject({
				customerId: a.customerId,
				traits: { name: 'Olga', language: 'pt-BR' },
			});
			expect(await node({ operation: 'unmerge', mergedCustomer: locator(String(mergedEntry.value), 'list') })).toMatchObject({ customerId: b.customerId, unmergedFrom: a.customerId });
			expect((await search('olga', 'searchMergedCustomers')).results).toEqual([]);
			expect(await node({ operation: 'forget', customer: await pick('v2ops.b@') })).toMatchObject({ forgotten: true, customerId: b.customerId, customers: 1 });
			expect((await search('v2ops.b@')).results).toEqual([]);
			expect(await graph.findCustomerId({ id: b.customerId! })).toBeUndefined();
		});

		it('skips, in a bulk import, the items of a forgotten customer: paired, marked, with a warning; unless told to import them', async () => {
			const [gone] = await graph.resolve([{ identities: [{ kind: 'email', value: 'bulk.gone@example.org' }], traits: { name: 'Gone', city: 'Natal' } }]);
			await graph.forget(gone.customerId!);
			const parameters = { operation: 'resolve', identifyBy: 'fields', email: '={{ $json.mail }}', name: '={{ $json.nome }}' };
			const items = [{ mail: 'bulk.gone@example.org', nome: 'Gone Again' }, { mail: 'bulk.new@example.org', nome: 'New' }];

			const bulk = await run({ ...parameters, options: { bulkImport: true } }, items);
			expect(bulk.error).toBeUndefined();
			const [skipped, imported] = bulk.outputOf('Customer Merge');
			expect(skipped.pairedItem).toEqual({ item: 0 });
			expect(skipped.json).toMatchObject({ mail: 'bulk.gone@example.org', customer: null, resolution: { created: false, forgotten: true } });
			expect((skipped.json.resolution as { warnings: string[] }).warnings).toEqual([expect.stringContaining('email bulk.gone@example.org belongs to a forgotten customer')]);
			expect(imported.json).toMatchObject({ customer: { traits: { name: 'New' } }, resolution: { created: true, forgotten: false } });
			expect(bulk.runData['Customer Merge'][0].hints).toEqual([expect.objectContaining({ type: 'warning', message: expect.stringContaining('1 of 2 items were skipped') })]);
			expect(await graph.findCustomerId({ identifier: { kind: 'email', value: 'bulk.gone@example.org' } })).toBeUndefined();

			const allowed = await run({ ...parameters, options: { bulkImport: true, allowForgotten: true } }, items.slice(0, 1));
			expect(allowed.jsonOf('Customer Merge')[0]).toMatchObject({ customer: { traits: { name: 'Gone Again' } }, resolution: { created: true, forgotten: false } });
		});

		it('turns a refused operation into a clear node error, or an error item with continue on fail, in both versions', async () => {
			const [a] = await graph.resolve([{ identities: [{ kind: 'email', value: 'refuse@example.org' }] }]);
			const byVersion = {
				1: { operation: 'merge', primaryCustomerId: a.customerId, secondaryCustomerId: a.customerId },
				2: { operation: 'merge', primaryCustomer: locator(a.customerId!), secondaryCustomer: locator(a.customerId!) },
			};
			for (const [version, parameters] of Object.entries(byVersion)) {
				const failed = await run(parameters, [{}], undefined, Number(version));
				expect(failed.error?.message).toContain('already the same customer');
				const continued = await run(parameters, [{}], 'continueRegularOutput', Number(version));
				expect(continued.outputOf('Customer Merge')[0]).toEqual({ json: { error: expect.stringContaining('already the same customer') }, pairedItem: { item: 0 } });
			}
		});

		it('tests the credential, in both versions', async () => {
			for (const version of [1, 2]) {
				const node = NodeHelpers.getVersionedNodeType(new CustomerMerge(), version) as INodeType;
				const result = await node.methods!.credentialTest!.omnichannelStoreTest.call({} as never, { id: '1', name: 'store', type: 'omnichannelStoreApi', data: credential });
				expect(result).toEqual({ status: 'OK', message: expect.stringMatching(/^Connected: \d+ customers$/) });
			}
		});
	});
}

describe('the store credential', () => {
	it('reports an unreachable server without its password', async () => {
		const node = NodeHelpers.getVersionedNodeType(new CustomerMerge()) as INodeType;
		const result = await node.methods!.credentialTest!.omnichannelStoreTest.call({} as never, {
			id: '1',
			name: 'store',
			type: 'omnichannelStoreApi',
			data: { storeType: 'postgres', host: '127.0.0.1', port: 1, database: 'x', user: 'u', password: 's3cret', ssl: 'disable', schema: 'omnichannel' },
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Could not open the PostgreSQL u@127.0.0.1:1/x');
		expect(result.message).not.toContain('s3cret');
		await closeStores();
	});
});
