import { describeEachStore, useStore } from '../support/stores';
import { at, Scene } from './support';

describeEachStore('the transcript an agent reads', (store) => {
	const { db } = useStore(store);

	it('has one line per message with channel and time, agents by name, and an e-mail subject once per thread', async () => {
		const scene = new Scene(db());
		const lia = scene.person('lia');
		const { customerId } = await scene.message([lia.phone, lia.email], 'whatsapp', at(0), '', { text: undefined, attachments: [{ type: 'image', mediaId: 'm1' }] });
		await scene.message([lia.email], 'email', at(2), 'Any news?', { subject: 'Order 1234' });
		const reply = await scene.answers([lia.email], 'email', at(3), 'It ships today', { type: 'agent', id: 'ana', name: 'Ana' }, { subject: 'Re: Order 1234' });
		await scene.conversations.openOrContinue(customerId, reply.event);
		await scene.message([lia.email], 'email', at(4), 'thanks\nbye', { subject: 'RE: Order 1234' });
		await scene.message([lia.email], 'email', at(5), 'Also, an invoice?', { subject: 'Invoice' });

		const detail = (await scene.conversations.get({ customerId }))!;
		expect(detail.transcript.split('\n')).toEqual([
			'[2026-01-15 14:00 WhatsApp] Customer: [image]',
			'[2026-01-15 14:02 Email] Customer: [Subject: Order 1234] Any news?',
			'[2026-01-15 14:03 Email] Agent (Ana): It ships today',
			'[2026-01-15 14:04 Email] Customer: thanks / bye',
			'[2026-01-15 14:05 Email] Customer: [Subject: Invoice] Also, an invoice?',
		]);
		const local = (await scene.conversations.get({ customerId }, { transcriptLimit: 2, timeZone: 'America/Sao_Paulo' }))!;
		// A transcript that starts within a thread names its subject on its first line.
		expect(local.transcript).toBe('[2026-01-15 11:04 Email] Customer: [Subject: RE: Order 1234] thanks / bye\n[2026-01-15 11:05 Email] Customer: [Subject: Invoice] Also, an invoice?');
		await expect(scene.conversations.get({ customerId }, { timeZone: 'Mars/Olympus' })).rejects.toThrow('"Mars/Olympus" is not a time zone');
	});
});
