import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PayloadError } from '../../../core/channels/shared/payload-error';
import { parseHubSpotWebhook, verifyHubSpotRequest } from '../../../core/crm/hubspot/webhook';

const fixture = readFileSync(path.resolve(__dirname, '../../fixtures/crm/hubspot/webhook-contact-propertyChange.payload.json'));
const SECRET = 'hubspot-client-secret-for-tests';
const URL = 'https://hooks.example.test/webhook/abc/webhook';
const NOW = 1_748_867_500_000;

/** HubSpot's v3 algorithm written out on its own: base64 HMAC-SHA256 of method + URI + body + timestamp. */
const sign = (body: Buffer, timestamp: string, url = URL, method = 'POST') =>
	createHmac('sha256', SECRET).update(`${method}${url}${body.toString('utf8')}${timestamp}`, 'utf8').digest('base64');

const request = (overrides: Partial<Parameters<typeof verifyHubSpotRequest>[0]> = {}) => {
	const timestamp = String(NOW - 1000);
	return { method: 'POST', url: URL, body: fixture, timestamp, signature: sign(fixture, timestamp), clientSecret: SECRET, now: NOW, ...overrides };
};

describe('HubSpot v3 signature', () => {
	it('accepts a request signed with the client secret over method, URL, body and timestamp', () => {
		expect(verifyHubSpotRequest(request())).toEqual({ valid: true });
	});

	it('refuses another secret, a changed body, another URL, and says why without the secret', () => {
		const other = verifyHubSpotRequest(request({ clientSecret: 'another-secret' }));
		const tampered = verifyHubSpotRequest(request({ body: Buffer.from(fixture.toString().replace('+5511987654321', '+5511900000000')) }));
		const elsewhere = verifyHubSpotRequest(request({ url: 'https://hooks.example.test/webhook/other/webhook' }));
		for (const verdict of [other, tampered, elsewhere]) {
			expect(verdict).toEqual({ valid: false, reason: expect.stringContaining('does not match') });
			expect(JSON.stringify(verdict)).not.toContain(SECRET);
		}
	});

	it('refuses a timestamp older than 5 minutes even when the signature is right, and accepts one just inside', () => {
		const old = String(NOW - 5 * 60 * 1000 - 1);
		expect(verifyHubSpotRequest(request({ timestamp: old, signature: sign(fixture, old) }))).toEqual({ valid: false, reason: expect.stringContaining('more than the 5 minutes') });
		const recent = String(NOW - 5 * 60 * 1000 + 1000);
		expect(verifyHubSpotRequest(request({ timestamp: recent, signature: sign(fixture, recent) }))).toEqual({ valid: true });
	});

	it('refuses a request without signature, without timestamp, or without a client secret', () => {
		expect(verifyHubSpotRequest(request({ signature: undefined })).valid).toBe(false);
		expect(verifyHubSpotRequest(request({ timestamp: undefined })).valid).toBe(false);
		expect(verifyHubSpotRequest(request({ clientSecret: '' }))).toEqual({ valid: false, reason: expect.stringContaining('no client secret') });
	});

	it('signs the URL with the characters HubSpot decodes decoded, and the others as sent', () => {
		const called = 'https://hooks.example.test/webhook?from=crm%3Ahubspot&next=a%26b';
		const timestamp = String(NOW);
		const signature = sign(fixture, timestamp, 'https://hooks.example.test/webhook?from=crm:hubspot&next=a%26b');
		expect(verifyHubSpotRequest(request({ url: called, timestamp, signature }))).toEqual({ valid: true });
	});
});

describe('HubSpot webhook events', () => {
	it('reads a change of mobile phone as a new phone of that contact', () => {
		expect(parseHubSpotWebhook(fixture)).toEqual([
			{
				crm: 'hubspot',
				type: 'identifiers-changed',
				recordId: '51234567890',
				emails: [],
				phones: ['+5511987654321'],
				occurredAt: '2025-06-02T12:31:05.118Z',
				deliveryId: 'hubspot:12345678:contact.propertyChange:51234567890:1804512345:mobilephone',
			},
		]);
	});

	const event = (fields: Record<string, unknown>) => ({ eventId: 7, portalId: 1, appId: 2, occurredAt: NOW, attemptNumber: 0, objectId: 100, ...fields });
	const parse = (...events: Record<string, unknown>[]) => parseHubSpotWebhook(Buffer.from(JSON.stringify(events)));

	it('reads e-mail changes, merges, deletions and privacy deletions; ignores other properties and objects', () => {
		const changes = parse(
			event({ subscriptionType: 'contact.propertyChange', propertyName: 'email', propertyValue: 'maria@example.com' }),
			event({ subscriptionType: 'contact.propertyChange', propertyName: 'firstname', propertyValue: 'Maria' }),
			event({ subscriptionType: 'contact.propertyChange', propertyName: 'phone', propertyValue: '' }),
			event({ subscriptionType: 'contact.merge', objectId: 300, primaryObjectId: 300, mergedObjectIds: [300, 200], newObjectId: 300 }),
			event({ subscriptionType: 'contact.deletion', objectId: 400 }),
			event({ subscriptionType: 'contact.privacyDeletion', objectId: 500 }),
			event({ subscriptionType: 'company.deletion', objectId: 600 }),
		);
		expect(changes.map(({ deliveryId: _id, occurredAt: _at, ...change }) => change)).toEqual([
			{ crm: 'hubspot', type: 'identifiers-changed', recordId: '100', emails: ['maria@example.com'], phones: [] },
			{ crm: 'hubspot', type: 'merged', recordId: '300', mergedRecordIds: ['200'] },
			{ crm: 'hubspot', type: 'deleted', recordId: '400', privacy: false },
			{ crm: 'hubspot', type: 'deleted', recordId: '500', privacy: true },
		]);
	});

	it('keeps the new id a merge gave the surviving contact', () => {
		const [merge] = parse(event({ subscriptionType: 'contact.merge', primaryObjectId: 300, mergedObjectIds: [200], newObjectId: 900 }));
		expect(merge).toMatchObject({ type: 'merged', recordId: '300', mergedRecordIds: ['200'], newRecordId: '900' });
	});

	it('gives a redelivery (a later attempt) the same delivery id, and two events two ids', () => {
		const first = parse(event({ subscriptionType: 'contact.deletion', attemptNumber: 0 }));
		const retry = parse(event({ subscriptionType: 'contact.deletion', attemptNumber: 3 }));
		const other = parse(event({ subscriptionType: 'contact.deletion', eventId: 8 }));
		expect(retry[0].deliveryId).toBe(first[0].deliveryId);
		expect(other[0].deliveryId).not.toBe(first[0].deliveryId);
	});

	it('refuses a body that is not a list of HubSpot events, saying what was wrong', () => {
		expect(() => parseHubSpotWebhook('{"eventId":1}')).toThrow(new PayloadError('HubSpot', 'the request body is not a list; expected a JSON list of HubSpot webhook events (eventId, portalId, subscriptionType, objectId)'));
		expect(() => parse({ eventId: 1, portalId: 1, objectId: 2 })).toThrow(/\[0\]\.subscriptionType is missing/);
		expect(() => parseHubSpotWebhook('not json')).toThrow(PayloadError);
	});
});
