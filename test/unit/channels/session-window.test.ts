import { META_MESSAGING_WINDOW, sendAllowance, WHATSAPP_CUSTOMER_SERVICE_WINDOW } from '../../../core/channels/session-window';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 10, 9, 30);

describe('the session window: what may be sent at T after the customer last wrote at T0', () => {
	it('a channel without a window (SMS, e-mail, Telegram) sends anything, whenever, even to someone who never wrote', () => {
		expect(sendAllowance(undefined, T0, T0 + 90 * DAY)).toEqual({ allowed: 'free' });
		expect(sendAllowance(undefined, undefined, T0)).toEqual({ allowed: 'free' });
	});

	it('WhatsApp: anything for 24 hours, closing at exactly 24 hours; then only an approved template', () => {
		expect(sendAllowance(WHATSAPP_CUSTOMER_SERVICE_WINDOW, T0, T0)).toEqual({ allowed: 'free', untilMs: T0 + DAY });
		expect(sendAllowance(WHATSAPP_CUSTOMER_SERVICE_WINDOW, T0, T0 + DAY - 1)).toEqual({ allowed: 'free', untilMs: T0 + DAY });
		expect(sendAllowance(WHATSAPP_CUSTOMER_SERVICE_WINDOW, T0, T0 + DAY)).toEqual({ allowed: 'template' });
		expect(sendAllowance(WHATSAPP_CUSTOMER_SERVICE_WINDOW, T0, T0 + 400 * DAY)).toEqual({ allowed: 'template' });
	});

	it('WhatsApp: a customer who never wrote gets a template, the way a business starts a conversation', () => {
		expect(sendAllowance(WHATSAPP_CUSTOMER_SERVICE_WINDOW, undefined, T0)).toEqual({ allowed: 'template' });
	});

	it('Messenger and Instagram: 24 hours free, then a person answering with HUMAN_AGENT until exactly 7 days, then nothing', () => {
		expect(sendAllowance(META_MESSAGING_WINDOW, T0, T0 + DAY - 1)).toEqual({ allowed: 'free', untilMs: T0 + DAY });
		expect(sendAllowance(META_MESSAGING_WINDOW, T0, T0 + DAY)).toEqual({ allowed: 'tag', tag: 'HUMAN_AGENT', untilMs: T0 + 7 * DAY });
		expect(sendAllowance(META_MESSAGING_WINDOW, T0, T0 + 7 * DAY - 1)).toEqual({ allowed: 'tag', tag: 'HUMAN_AGENT', untilMs: T0 + 7 * DAY });
		const closed = sendAllowance(META_MESSAGING_WINDOW, T0, T0 + 7 * DAY);
		expect(closed).toMatchObject({ allowed: 'nothing' });
		expect(closed.allowed === 'nothing' && closed.reason).toMatch(/until they write again/);
	});

	it('Messenger and Instagram: nobody can be written to first', () => {
		const result = sendAllowance(META_MESSAGING_WINDOW, undefined, T0);
		expect(result).toMatchObject({ allowed: 'nothing' });
		expect(result.allowed === 'nothing' && result.reason).toMatch(/never written/);
	});

	it('takes ISO timestamps (as events carry them) and Dates; a last message ahead of the clock counts as just now', () => {
		const lastInbound = new Date(T0).toISOString();
		expect(sendAllowance(WHATSAPP_CUSTOMER_SERVICE_WINDOW, lastInbound, new Date(T0 + HOUR))).toEqual({ allowed: 'free', untilMs: T0 + DAY });
		expect(sendAllowance(WHATSAPP_CUSTOMER_SERVICE_WINDOW, T0 + 5 * 60_000, T0)).toEqual({ allowed: 'free', untilMs: T0 + DAY });
		expect(() => sendAllowance(WHATSAPP_CUSTOMER_SERVICE_WINDOW, 'yesterday-ish', T0)).toThrow('"yesterday-ish" is not a point in time');
	});
});
