import { INBOUND_ADAPTERS } from '../../../core/channels/registry';
import { OUTBOUND_DEFINITIONS, OUTBOUND_ROUTES, routeAnswering, sessionWindowOf } from '../../../core/channels/outbound-registry';
import type { OutboundDefinition } from '../../../core/channels/outbound-types';
import { META_MESSAGING_WINDOW, WHATSAPP_CUSTOMER_SERVICE_WINDOW } from '../../../core/channels/session-window';
import { replyTarget } from '../../../core/channels/reply-target';
import { sharedFixture } from './fixtures';

describe('the outbound registry: every route, what it can send, its window and limits', () => {
	it('has the seven routes, each under its own name', () => {
		expect(OUTBOUND_ROUTES).toEqual(['whatsappCloud', 'evolution', 'messenger', 'instagram', 'telegram', 'twilio', 'email']);
		for (const route of OUTBOUND_ROUTES) expect(OUTBOUND_DEFINITIONS[route].route).toBe(route);
	});

	it('declares what each route sends, and has a sender for exactly what it declares', () => {
		const declared = Object.fromEntries(
			OUTBOUND_ROUTES.map((route) => {
				const { capabilities } = OUTBOUND_DEFINITIONS[route];
				return [route, { media: [...capabilities.media], caption: capabilities.mediaCaption, templates: capabilities.templates, buttons: capabilities.buttons, text: capabilities.text }];
			}),
		);
		expect(declared).toEqual({
			whatsappCloud: { media: ['image', 'video', 'audio', 'document'], caption: true, templates: true, buttons: { max: 3 }, text: { maxLength: 4096, unit: 'characters' } },
			evolution: { media: ['image', 'video', 'audio', 'document'], caption: true, templates: false, buttons: { max: 3 }, text: { unit: 'characters' } },
			messenger: { media: ['image', 'video', 'audio', 'document'], caption: false, templates: false, buttons: { max: 13 }, text: { maxLength: 2000, unit: 'characters' } },
			instagram: { media: ['image', 'video', 'audio'], caption: false, templates: false, buttons: { max: 13 }, text: { maxLength: 1000, unit: 'bytes' } },
			telegram: { media: ['image', 'document'], caption: true, templates: false, buttons: {}, text: { maxLength: 4096, unit: 'characters' } },
			twilio: { media: ['image', 'video', 'audio', 'document'], caption: true, templates: true, buttons: false, text: { maxLength: 1600, unit: 'characters' } },
			email: { media: [], caption: false, templates: false, buttons: false, text: { unit: 'characters' } },
		});
		for (const route of OUTBOUND_ROUTES) {
			const { capabilities, send } = OUTBOUND_DEFINITIONS[route] as OutboundDefinition;
			expect([route, typeof send.text]).toEqual([route, 'function']);
			expect([route, send.media !== undefined]).toEqual([route, capabilities.media.length > 0]);
			expect([route, send.template !== undefined]).toEqual([route, capabilities.templates]);
			expect([route, send.buttons !== undefined]).toEqual([route, capabilities.buttons !== false]);
		}
	});

	it('keeps WhatsApp\'s 24-hour window on the Cloud API and on Twilio\'s WhatsApp, Meta\'s messaging window on Messenger and Instagram, and none elsewhere', () => {
		expect(sessionWindowOf('whatsappCloud', 'whatsapp')).toBe(WHATSAPP_CUSTOMER_SERVICE_WINDOW);
		expect(sessionWindowOf('twilio', 'whatsapp')).toBe(WHATSAPP_CUSTOMER_SERVICE_WINDOW);
		expect(sessionWindowOf('messenger', 'messenger')).toBe(META_MESSAGING_WINDOW);
		expect(sessionWindowOf('instagram', 'instagram')).toBe(META_MESSAGING_WINDOW);
		expect(WHATSAPP_CUSTOMER_SERVICE_WINDOW).toEqual({ freeForMs: 24 * 3_600_000, afterwards: [{ needs: 'template' }] });
		expect(META_MESSAGING_WINDOW).toEqual({ freeForMs: 24 * 3_600_000, afterwards: [{ needs: 'tag', tag: 'HUMAN_AGENT', untilMs: 7 * 24 * 3_600_000 }] });
		for (const [route, channel] of [['twilio', 'sms'], ['telegram', 'telegram'], ['email', 'email'], ['evolution', 'whatsapp']] as const) {
			expect([route, sessionWindowOf(route, channel)]).toEqual([route, undefined]);
		}
	});

	it('gives rate limits as data: per sender, per customer, per chat, with the provider\'s code when hit', () => {
		expect(OUTBOUND_DEFINITIONS.whatsappCloud.rateLimits.map(({ per, max, intervalMs, errorCode }) => ({ per, max, intervalMs, errorCode }))).toEqual([
			{ per: 'sender', max: 80, intervalMs: 1000, errorCode: 130429 },
			{ per: 'recipient', max: 1, intervalMs: 6000, errorCode: 131056 },
		]);
		expect(OUTBOUND_DEFINITIONS.telegram.rateLimits.map(({ per, max, intervalMs }) => [per, max, intervalMs])).toEqual([
			['chat', 1, 1000],
			['group', 20, 60_000],
			['sender', 30, 1000],
		]);
		expect(OUTBOUND_DEFINITIONS.twilio.rateLimits.map((limit) => limit.channel)).toEqual(['sms', 'whatsapp']);
		expect(OUTBOUND_DEFINITIONS.messenger.rateLimits.every((limit) => limit.errorCode === 80006)).toBe(true);
		expect(OUTBOUND_DEFINITIONS.instagram.rateLimits.every((limit) => limit.errorCode === 80002)).toBe(true);
		for (const route of OUTBOUND_ROUTES) {
			for (const limit of OUTBOUND_DEFINITIONS[route].rateLimits) {
				expect(limit.max).toBeGreaterThan(0);
				expect(limit.intervalMs).toBeGreaterThan(0);
				expect(limit.counts.length).toBeGreaterThan(10);
			}
		}
	});

	it('answers every inbound adapter\'s messages on one route, and the route\'s reply target is the one replyTarget gives', () => {
		const answered: Record<string, string | undefined> = {};
		for (const [file, adapter] of [
			['whatsapp-text.json', 'whatsapp'],
			['evolution-messages-upsert.json', 'evolution'],
			['messenger-text.json', 'messenger'],
			['instagram-text.json', 'instagram'],
			['telegram-text.json', 'telegram'],
			['twilio-sms.form', 'twilio'],
			['email-inbound-postmark.json', 'postmark'],
		]) {
			const [event] = INBOUND_ADAPTERS[adapter].parse(sharedFixture(file), { account: '123456' });
			const definition = routeAnswering(event);
			answered[adapter] = definition?.route;
			expect(definition?.replyTarget(event)).toEqual(replyTarget(event));
		}
		expect(answered).toEqual({
			whatsapp: 'whatsappCloud',
			evolution: 'evolution',
			messenger: 'messenger',
			instagram: 'instagram',
			telegram: 'telegram',
			twilio: 'twilio',
			postmark: 'email',
		});
		expect(routeAnswering({ provider: 'mailgun', channel: 'email' })?.route).toBe('email');
		expect(routeAnswering({ provider: 'webchat', channel: 'webchat' })).toBeUndefined();
	});

	it('answers a WhatsApp message that came through Twilio on WhatsApp, from the number it reached', () => {
		const [event] = INBOUND_ADAPTERS.twilio.parse(sharedFixture('twilio-sms.form'));
		const onWhatsApp = { ...event, channel: 'whatsapp' as const };
		expect(replyTarget(onWhatsApp)).toEqual({ route: 'twilio', recipient: `whatsapp:${event.from.identities[0].value}`, account: event.account });
	});
});
