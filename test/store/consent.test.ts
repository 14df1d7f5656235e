// A customer's consent changes from what they write and what providers report, is kept as an
// audit trail, follows the customer through merges, and leaves with them when forgotten.
import { CustomerGraph, eventKey, inputFromEvent, openStore, type CanonicalEvent } from '../../core';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

const phone = (value: string) => ({ kind: 'phone' as const, value });
const email = (value: string) => ({ kind: 'email' as const, value });

function whatsappFailure(to: string, code: number): CanonicalEvent {
	const externalId = `wamid.failed-${to}-${code}`;
	return {
		id: eventKey({ channel: 'whatsapp', account: 'business', externalId }),
		type: 'status',
		channel: 'whatsapp',
		provider: 'meta',
		direction: 'outbound',
		account: 'business',
		externalId,
		timestamp: '2026-11-02T10:00:00.000Z',
		from: { identities: [] },
		to: { identities: [phone(to)] },
		status: 'failed',
		error: { code, message: 'Message failed to send because the user has stopped marketing messages' },
	};
}

describeEachStore('consent', (store) => {
	const { config } = useStore(store);
	let graph: CustomerGraph;
	beforeAll(async () => {
		graph = new CustomerGraph(await openStore(config()));
	});
	const resolveEvents = async (...events: CanonicalEvent[]) => await graph.resolve(events.map(inputFromEvent));

	it('a keyword written as the whole message unsubscribes from marketing on that channel, once however often it is delivered', async () => {
		const stop = inboundMessage([phone('+5521990000001')], { text: ' Parar. ' });
		const [outcome] = await resolveEvents(stop);
		await resolveEvents(stop);
		const consents = await graph.consents(outcome.customerId!);
		expect(consents?.trail).toEqual([
			expect.objectContaining({ channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed', source: 'keyword', evidence: stop.id, changedAt: stop.timestamp }),
		]);
	});

	it('an ordinary message containing the word changes nothing', async () => {
		const [outcome] = await resolveEvents(inboundMessage([phone('+5521990000002')], { text: 'stop sending me the wrong size' }));
		expect((await graph.consents(outcome.customerId!))?.trail).toEqual([]);
	});

	it('keeps the trail in order and the latest change as the consent now', async () => {
		const person = [phone('+5521990000003')];
		const stop = inboundMessage(person, { text: 'STOP', timestamp: '2026-11-01T08:00:00.000Z' });
		const back = inboundMessage(person, { text: '¡Alta!', timestamp: '2026-11-01T09:00:00.000Z' });
		const [outcome] = await resolveEvents(back, stop);
		const consents = await graph.consents(outcome.customerId!);
		expect(consents?.trail.map((change) => change.state)).toEqual(['unsubscribed', 'subscribed']);
		expect(consents?.current).toEqual([expect.objectContaining({ channel: 'whatsapp', purpose: 'marketing', state: 'subscribed', evidence: back.id })]);
	});

	it('records the providers\' consent events and WhatsApp\'s "stopped marketing messages" failures', async () => {
		const sms = inboundMessage([phone('+5521990000004')], { channel: 'sms', provider: 'twilio', type: 'consent', text: 'STOP', consent: { channel: 'sms', purpose: 'all', state: 'unsubscribed' } });
		const [smsOutcome] = await resolveEvents(sms);
		expect((await graph.consents(smsOutcome.customerId!))?.current).toEqual([expect.objectContaining({ channel: 'sms', purpose: 'all', state: 'unsubscribed', source: 'provider' })]);

		const [failed, otherError] = await resolveEvents(whatsappFailure('+5521990000005', 131050), whatsappFailure('+5521990000006', 131047));
		expect((await graph.consents(failed.customerId!))?.current).toEqual([expect.objectContaining({ channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed', source: 'delivery-failure' })]);
		expect((await graph.consents(otherError.customerId!))?.trail).toEqual([]);
	});

	it('uses the keywords it is given instead of the defaults', async () => {
		const person = [phone('+5521990000007')];
		const prepared = [inboundMessage(person, { text: 'nie' }), inboundMessage(person, { text: 'STOP' })].map((event) => graph.prepare(inputFromEvent(event)));
		const [outcome] = await graph.resolvePrepared(prepared, { consentKeywords: { optOut: ['NIE'], optIn: [] } });
		expect((await graph.consents(outcome.customerId!))?.trail.map((change) => change.evidence)).toEqual([prepared[0].event?.id]);
	});

	it('follows the customer through a merge and an unmerge, and is erased by forget', async () => {
		const [onWhatsApp] = await resolveEvents(inboundMessage([phone('+5521990000008')], { text: 'SAIR', timestamp: '2026-11-01T08:00:00.000Z' }));
		const [byEmail] = await resolveEvents(inboundMessage([email('ana.consent@example.com')], { channel: 'email', provider: 'smtp', text: 'Unsubscribe', timestamp: '2026-11-01T09:00:00.000Z' }));
		const [linked] = await resolveEvents(inboundMessage([phone('+5521990000008'), email('ana.consent@example.com')], { text: 'my order?' }));
		expect(linked.merged).toHaveLength(1);
		const merged = await graph.consents(linked.customerId!);
		expect(merged?.current.map((change) => change.channel).sort()).toEqual(['email', 'whatsapp']);

		const [source] = [onWhatsApp.customerId!, byEmail.customerId!].filter((id) => id !== linked.customerId!);
		await graph.unmerge(source!);
		expect((await graph.consents(source!))?.trail).toHaveLength(1);
		expect((await graph.consents(linked.customerId!))?.trail).toHaveLength(1);

		await graph.changeConsent(source!, { channel: 'email', purpose: 'transactional', state: 'subscribed', source: 'operation', evidence: 'checkout form', changedAt: '2026-11-02T00:00:00.000Z' });
		expect((await graph.consents(source!))?.trail).toHaveLength(2);
		await graph.forget(source!);
		expect(await graph.consents(source!)).toBeUndefined();
		const rows = await graph.db.query('SELECT 1 FROM consent_changes WHERE customer_id = $1', [source]);
		expect(rows).toEqual([]);
	});
});
