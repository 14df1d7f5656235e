import { rankChannels, type Channel, type ChannelChoiceRules, type Identity } from '../../../core';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();
const IDENTITIES: Identity[] = [
	{ kind: 'phone', value: '+5511987654321' },
	{ kind: 'email', value: 'ana@example.org' },
	{ kind: 'messenger', value: 'PAGE1:PSID9' },
];
const RULES: ChannelChoiceRules = { preference: ['whatsapp', 'sms', 'email', 'messenger'], hasWhatsAppTemplate: true };
const channels = (result: ReturnType<typeof rankChannels>) => result.candidates.map((candidate) => `${candidate.channel}:${candidate.form}`);

describe('the best channel', () => {
	it('takes the channel the customer last wrote or read on, then the marketer’s order', () => {
		const engagement = [
			{ channel: 'email' as Channel, lastReadAt: hoursAgo(2) },
			{ channel: 'whatsapp' as Channel, lastInboundAt: hoursAgo(30) },
		];
		const result = rankChannels({ identities: IDENTITIES, engagement }, RULES, NOW);
		expect(channels(result)).toEqual(['email:text', 'whatsapp:template', 'sms:text']);
		expect(result.candidates[0]).toMatchObject({ recipient: 'ana@example.org', route: 'email', reason: 'e-mail, engaged 2 hours ago: free text' });
		expect(result.rejected).toEqual([{ channel: 'messenger', reason: 'Messenger: the customer has never written: this channel only lets a business answer' }]);
	});

	it('sends WhatsApp free text inside the 24-hour window and a template outside it, or skips it without one', () => {
		const inside = rankChannels({ identities: IDENTITIES, engagement: [{ channel: 'whatsapp', lastInboundAt: hoursAgo(3) }] }, RULES, NOW);
		expect(inside.candidates[0]).toMatchObject({ channel: 'whatsapp', form: 'text', recipient: '+5511987654321', reason: 'WhatsApp, engaged 3 hours ago: free text inside the 24-hour window' });
		const outside = rankChannels({ identities: IDENTITIES, engagement: [{ channel: 'whatsapp', lastInboundAt: hoursAgo(25) }] }, { ...RULES, hasWhatsAppTemplate: false }, NOW);
		expect(channels(outside)).toEqual(['sms:text', 'email:text']);
		expect(outside.rejected[0]).toEqual({ channel: 'whatsapp', reason: "WhatsApp: the 24-hour window is closed and there is no template in the message's language" });
		// Through Evolution (WhatsApp Web) there is no window.
		const evolution = rankChannels({ identities: IDENTITIES, engagement: [] }, { ...RULES, hasWhatsAppTemplate: false, routes: { whatsapp: 'evolution' } }, NOW);
		expect(evolution.candidates[0]).toMatchObject({ channel: 'whatsapp', route: 'evolution', form: 'text' });
	});

	it('uses Messenger after 24 hours only with the human-agent tag, within 7 days', () => {
		const engagement = [{ channel: 'messenger' as Channel, lastInboundAt: hoursAgo(48) }];
		const rules = { ...RULES, preference: ['messenger', 'email'] as Channel[] };
		expect(channels(rankChannels({ identities: IDENTITIES, engagement }, rules, NOW))).toEqual(['email:text']);
		const tagged = rankChannels({ identities: IDENTITIES, engagement }, { ...rules, humanAgentTag: true }, NOW);
		// Engaged two days ago, Messenger comes first.
		expect(channels(tagged)).toEqual(['messenger:tagged', 'email:text']);
		expect(tagged.candidates[0]).toMatchObject({ account: 'PAGE1', recipient: 'PSID9', reason: 'Messenger, engaged 2 days ago: the HUMAN_AGENT tag: the 24-hour window is closed' });
		const weekLater = rankChannels({ identities: IDENTITIES, engagement: [{ channel: 'messenger', lastInboundAt: hoursAgo(8 * 24) }] }, { ...rules, humanAgentTag: true }, NOW);
		expect(channels(weekLater)).toEqual(['email:text']);
	});

	it('skips channels without consent, without an identifier, or already tried', () => {
		const result = rankChannels(
			{ identities: [{ kind: 'email', value: 'ana@example.org' }], engagement: [] },
			{ ...RULES, preference: ['whatsapp', 'sms', 'email', 'telegram'], refusal: (channel) => (channel === 'email' ? 'no consent: opted out' : undefined), exclude: ['sms'] },
			NOW,
		);
		expect(result.candidates).toEqual([]);
		expect(result.rejected).toEqual([
			{ channel: 'whatsapp', reason: 'WhatsApp: the customer has no identifier it can reach' },
			{ channel: 'email', reason: 'no consent: opted out' },
			{ channel: 'telegram', reason: 'Telegram: the customer has no identifier it can reach' },
		]);
	});
});
