import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { closeStores, Conversations, CustomerGraph, openStore, type Identity } from '../../core';
import { inboundMessage } from '../support/events';

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)]));
}

/** Which of `needles` appear in which files under `folder`, byte for byte. */
function findIn(folder: string, needles: string[]): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const file of filesUnder(folder)) {
		const bytes = readFileSync(file);
		for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.set(needle, [...(found.get(needle) ?? []), relative(folder, file)]);
	}
	return found;
}

describe('the embedded store on disk after a Forget', () => {
	let folder: string;
	beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), 'omnichannel-erased-'));
	});
	afterAll(async () => {
		await closeStores();
		rmSync(folder, { recursive: true, force: true });
	});

	it("holds neither the phone, the e-mail, the text nor an agent's note on the forgotten customer in any file: tables, indexes, write-ahead log", async () => {
		const phone: Identity = { kind: 'phone', value: '+5511987650999' };
		const email: Identity = { kind: 'email', value: 'zelda.erasure.probe@example.org' };
		const text = 'my card ends in 4417 and my tax number is 529.982.247-25';
		const kept = 'kept.control.probe@example.org';
		const note = 'called back about the refund of order 88123';
		const db = await openStore({ type: 'embedded', folder });
		const graph = new CustomerGraph(db);
		await graph.resolve([{ identities: [{ kind: 'email', value: kept }], name: 'Kept' }]);
		const [first] = await graph.resolve([{ identities: [phone], name: 'Zelda Quixote', event: inboundMessage([phone], { text }) }]);
		const [second] = await graph.resolve([{ identities: [email], traits: { city: 'Quixeramobim' } }]);
		// A merge and a change of traits leave older versions of the rows behind, too.
		await graph.resolve([{ identities: [phone, email] }]);
		await graph.updateTraits(first.customerId!, { plan: 'gold' });
		const conversations = new Conversations(db);
		const { conversation } = await conversations.openOrContinue(first.customerId!);
		await conversations.addNote(conversation.id, note, 'Ana');
		await expect(graph.forget(second.customerId!)).resolves.toMatchObject({ customers: 2, events: 1, compacted: true });
		await closeStores();

		const needles = [phone.value, email.value, text, note, 'Zelda Quixote', 'Quixeramobim', kept];
		const found = findIn(folder, needles);
		// The search does find what is still there: the customer that was not forgotten.
		expect(found.get(kept)?.some((file) => file.startsWith('base/'))).toBe(true);
		found.delete(kept);
		// Neither the tables and indexes (base/) nor the write-ahead log (pg_wal/) nor any other file.
		expect(Object.fromEntries(found)).toEqual({});
	});

	it('reports a compaction that fails without undoing the erasure, and says what to run', async () => {
		const db = await openStore({ type: 'embedded' });
		const failing = Object.assign(Object.create(db) as typeof db, { compact: () => Promise.reject(new Error('no space left on device')) });
		const graph = new CustomerGraph(failing);
		const [outcome] = await graph.resolve([{ identities: [{ kind: 'email', value: 'full.disk@example.org' }] }]);
		await expect(graph.forget(outcome.customerId!)).resolves.toMatchObject({
			customers: 1,
			compacted: false,
			compactionError: 'no space left on device: run n8n-omnichannel vacuum',
		});
		expect(await graph.findCustomerId({ id: outcome.customerId! })).toBeUndefined();
	});
});
