import { consentRefusal, type ConsentChange } from '../../../core';

const change = (channel: ConsentChange['channel'], purpose: ConsentChange['purpose'], state: ConsentChange['state'], changedAt: string): ConsentChange => ({
	channel,
	purpose,
	state,
	source: 'keyword',
	evidence: 'sms:+1555:SM1',
	changedAt,
});

describe('consent for a message', () => {
	const smsStop = change('sms', 'all', 'unsubscribed', '2026-11-02T10:00:00Z');

	it('honours an SMS opt-out on WhatsApp’s marketing, in words', () => {
		expect(consentRefusal([smsStop], 'whatsapp', 'marketing')).toBe('no consent: the customer opted out of every message on SMS, which counts on every channel on 2026-11-02 (keyword)');
		expect(consentRefusal([smsStop], 'sms', 'marketing')).toBe('no consent: the customer opted out of every message on SMS on 2026-11-02 (keyword)');
	});

	it('keeps transactional messages on other channels, and the opt-out on its own channel when asked to', () => {
		expect(consentRefusal([smsStop], 'whatsapp', 'transactional')).toBeUndefined();
		expect(consentRefusal([smsStop], 'sms', 'transactional')).toMatch(/^no consent/);
		expect(consentRefusal([smsStop], 'whatsapp', 'marketing', { optOutOnOneChannelCountsEverywhere: false })).toBeUndefined();
	});

	it('lets a later opt-in on a channel override an earlier opt-out elsewhere, not an earlier one', () => {
		expect(consentRefusal([smsStop, change('whatsapp', 'marketing', 'subscribed', '2026-11-05T10:00:00Z')], 'whatsapp', 'marketing')).toBeUndefined();
		expect(consentRefusal([smsStop, change('whatsapp', 'marketing', 'subscribed', '2026-10-01T10:00:00Z')], 'whatsapp', 'marketing')).toMatch(/^no consent/);
	});

	it('needs an explicit opt-in on the channel for marketing in strict regimes', () => {
		const strict = { marketingNeedsOptIn: true };
		expect(consentRefusal([], 'email', 'marketing', strict)).toBe('no consent: marketing needs an explicit opt-in, and the customer never opted in on e-mail');
		expect(consentRefusal([change('email', 'marketing', 'subscribed', '2026-01-01T00:00:00Z')], 'email', 'marketing', strict)).toBeUndefined();
		expect(consentRefusal([], 'email', 'transactional', strict)).toBeUndefined();
		expect(consentRefusal([], 'email', 'marketing')).toBeUndefined();
	});
});
