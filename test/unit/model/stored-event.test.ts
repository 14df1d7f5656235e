import { canonicalEventSchema, eventInputSchema, eventKey, fromVersion1, legacyEventKey, readStoredEvent, storedEventBody, STORED_EVENT_VERSION } from '../../../core/model';
import { inboundMessage } from '../../support/events';

/** A Twilio STOP as version 1 recorded it. */
const version1Stop = {
	id: 'sms:SM1',
	type: 'optout',
	channel: 'sms',
	provider: 'twilio',
	direction: 'inbound',
	externalId: 'SM1',
	timestamp: '2026-06-01T10:00:00.000Z',
	from: { identities: [{ kind: 'phone', value: '+15555550123' }] },
	to: { account: '+15550001234' },
	text: 'START',
	action: { payload: 'optin', title: 'START' },
};

describe('the event key', () => {
	it('names the channel, our account and the provider id; the key of version 1 had no account', () => {
		expect(eventKey({ channel: 'telegram', account: '7000000001', externalId: '5550001234:42' })).toBe('telegram:7000000001:5550001234:42');
		expect(legacyEventKey({ channel: 'telegram', externalId: '5550001234:42' })).toBe('telegram:5550001234:42');
	});
});

describe('stored event bodies', () => {
	it('are written with schemaVersion 2 and without the provider payload', () => {
		const body = storedEventBody({ ...inboundMessage([{ kind: 'phone', value: '+15555550123' }]), raw: { secret: 'payload' } });
		expect(body.schemaVersion).toBe(STORED_EVENT_VERSION);
		expect(STORED_EVENT_VERSION).toBe(2);
		expect(body).not.toHaveProperty('raw');
		expect(readStoredEvent(body)).toBe(body);
	});

	it('of version 1 are read in today’s shape: account out of `to`, an opt-out as consent, and version 1 said', () => {
		expect(readStoredEvent(version1Stop)).toEqual({
			...version1Stop,
			schemaVersion: 1,
			id: 'sms:+15550001234:SM1',
			account: '+15550001234',
			to: {},
			type: 'consent',
			consent: { channel: 'sms', purpose: 'all', state: 'subscribed' },
		});
		const whatsappStop = { ...version1Stop, channel: 'whatsapp', provider: 'meta', externalId: 'optout:155:marketing_messages:1', action: undefined };
		expect(fromVersion1(whatsappStop).consent).toEqual({ channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed' });
		// Telegram's version 1 events named no bot: their account stays unknown.
		const telegram = { ...version1Stop, type: 'message', channel: 'telegram', provider: 'telegram', to: {} };
		expect(fromVersion1(telegram)).not.toHaveProperty('account');
	});
});

describe('events given to us', () => {
	it('are read as version 2 when made before it, as long as they named an account', () => {
		const parsed = eventInputSchema.parse(version1Stop);
		expect(parsed).toMatchObject({ account: '+15550001234', type: 'consent', to: {} });
		expect(parsed).not.toHaveProperty('schemaVersion');
		expect(canonicalEventSchema.safeParse(version1Stop).success).toBe(false);
		expect(eventInputSchema.safeParse({ ...version1Stop, to: {} }).success).toBe(false);
	});

	it('of version 2 pass as they are', () => {
		const event = inboundMessage([{ kind: 'phone', value: '+15555550123' }]);
		expect(eventInputSchema.parse(event)).toEqual(event);
	});
});

describe('the canonical schema', () => {
	it('knows consent, authors and categories', () => {
		const base = inboundMessage([{ kind: 'phone', value: '+15555550123' }]);
		expect(canonicalEventSchema.safeParse({ ...base, type: 'consent', consent: { channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed' } }).success).toBe(true);
		expect(canonicalEventSchema.safeParse({ ...base, consent: { channel: 'whatsapp', purpose: 'marketing', state: 'stopped' } }).success).toBe(false);
		expect(canonicalEventSchema.safeParse({ ...base, direction: 'outbound', author: { type: 'agent', id: 'ana', name: 'Ana' }, category: 'marketing' }).success).toBe(true);
		expect(canonicalEventSchema.safeParse({ ...base, author: { type: 'person' } }).success).toBe(false);
		expect(canonicalEventSchema.safeParse({ ...base, category: 'promotional' }).success).toBe(false);
		expect(canonicalEventSchema.safeParse({ ...base, type: 'optout' }).success).toBe(false);
		expect(canonicalEventSchema.safeParse({ ...base, account: '' }).success).toBe(false);
	});
});
