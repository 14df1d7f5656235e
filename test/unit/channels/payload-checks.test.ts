import { z } from 'zod';
import { INBOUND_ADAPTERS } from '../../../core/channels/registry';
import { assertJsonDepth } from '../../../core/channels/shared/json-depth';
import { PayloadError } from '../../../core/channels/shared/payload-error';
import { boundedList, idField, openObject } from '../../../core/channels/shared/payload-fields';
import { readPayload } from '../../../core/channels/shared/payload-schema';
import { expectCanonical, localFixture, sharedFixture } from './fixtures';

const json = (name: string) => JSON.parse(sharedFixture(name).toString('utf8'));
// Telegram's updates never name the bot: the trigger gives its id.
const parse = (channel: string, body: unknown) => INBOUND_ADAPTERS[channel].parse(typeof body === 'string' ? body : JSON.stringify(body), { account: '7000000001' });

/** Runs `action` and returns the PayloadError it throws (failing when it throws anything else, or nothing). */
function payloadError(action: () => unknown): PayloadError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(PayloadError);
		return error as PayloadError;
	}
	throw new Error('expected a PayloadError, nothing was thrown');
}

describe('readPayload words the first problems with their path', () => {
	const either = openObject({ key: z.string() });
	const schema = openObject({
		message: openObject({ id: idField, text: z.string().max(5), list: boundedList(z.string(), 2).optional(), count: z.number().int().optional() }),
		either: z.union([either, z.array(either)]).optional(),
	});

	it.each([
		['a wrong type', { message: { id: 1, text: { bold: 'hi' } } }, 'Test: message.text must be a string, not an object'],
		['a missing field', { message: { id: 1 } }, 'Test: message.text is missing'],
		['a union of types', { message: { id: [], text: 'a' } }, 'Test: message.id must be a string or a number, not a list'],
		['a fraction for a whole number', { message: { id: 1, text: 'a', count: 1.5 } }, 'Test: message.count must be a whole number, not a fraction'],
		['a union branch that got past the type', { message: { id: 'x'.repeat(3000), text: 'a' } }, 'Test: message.id is 3,000 characters long; the limit is 2,048'],
		['a long list', { message: { id: 1, text: 'a', list: ['a', 'b', 'c'] } }, 'Test: message.list has 3 items; the limit is 2'],
		['a list item', { message: { id: 1, text: 'a', list: ['a', 2] } }, 'Test: message.list[1] must be a string, not a number'],
		['the body itself', [], 'Test: the body must be an object, not a list'],
		['a union of an object and a list, wrong deep inside', { message: { id: 1, text: 'a' }, either: { key: 5 } }, 'Test: either.key must be a string, not a number'],
	])('%s', (_, value, message) => {
		expect(() => readPayload(schema, value, 'Test')).toThrow(new PayloadError('Test', message.slice('Test: '.length)));
	});

	it('counts the problems it does not spell out', () => {
		const error = payloadError(() => readPayload(z.array(z.string()), [1, 2, 3, 4, 5], 'Test'));
		expect(error.message).toBe('Test: [0] must be a string, not a number; [1] must be a string, not a number; [2] must be a string, not a number (and 2 more problems)');
	});
});

describe('assertJsonDepth', () => {
	it('allows 64 levels, refuses 65, and ignores brackets inside strings', () => {
		expect(() => assertJsonDepth(`${'['.repeat(64)}${']'.repeat(64)}`, 64, 'Test')).not.toThrow();
		expect(() => assertJsonDepth(`${'['.repeat(65)}${']'.repeat(65)}`, 64, 'Test')).toThrow('Test: the body nests objects and lists more than 64 levels deep');
		expect(() => assertJsonDepth(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 64, 'Test')).not.toThrow();
	});

	it('ends a string at a quote after an escaped backslash, so the brackets after it count', () => {
		const deep = `${'['.repeat(65)}${']'.repeat(65)}`;
		expect(() => assertJsonDepth(`{"a":"\\\\","b":${deep}}`, 64, 'Test')).toThrow('Test: the body nests objects and lists more than 64 levels deep');
		expect(() => assertJsonDepth(`{"a":"\\\\\\"${deep}"}`, 64, 'Test')).not.toThrow();
	});
});

describe('every JSON adapter refuses a value nested deeper than 64 levels before parsing it', () => {
	const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
	it.each([
		['whatsapp', 'WhatsApp Cloud API', (body: string) => body.replace('"text":{', `"deep":${deep},"text":{`), 'whatsapp-text.json'],
		['messenger', 'Messenger', (body: string) => body.replace('"mid":', `"deep":${deep},"mid":`), 'messenger-text.json'],
		['instagram', 'Instagram', (body: string) => body.replace('"mid":', `"deep":${deep},"mid":`), 'instagram-text.json'],
		['telegram', 'Telegram', (body: string) => body.replace('"text":', `"deep":${deep},"text":`), 'telegram-text.json'],
		['evolution', 'Evolution API', (body: string) => body.replace('"pushName":', `"deep":${deep},"pushName":`), 'evolution-messages-upsert.json'],
		['postmark', 'Postmark', (body: string) => body.replace('"Subject":', `"deep":${deep},"Subject":`), 'email-inbound-postmark.json'],
	])('%s', (channel, label, inject, fixture) => {
		const body = inject(sharedFixture(fixture).toString('utf8'));
		expect(body).toContain(deep);
		expect(payloadError(() => parse(channel, body)).message).toBe(`${label}: the body nests objects and lists more than 64 levels deep; the limit is 64`);
	});
});

describe('adapters check the fields they read, and bound what a body may hold', () => {
	it('Twilio: NumMedia is a whole number of at most 100, so that it cannot drive an endless loop', () => {
		const mms = sharedFixture('twilio-mms.form').toString('utf8');
		expect(payloadError(() => parse('twilio', mms.replace('NumMedia=1', 'NumMedia=99999999999'))).message).toBe(
			'Twilio: NumMedia is 99999999999; the limit is 100 media per message',
		);
		expect(payloadError(() => parse('twilio', mms.replace('NumMedia=1', 'NumMedia=abc'))).message).toBe('Twilio: NumMedia must be a whole number');
		expect(payloadError(() => parse('twilio', mms.replace('NumMedia=1', `NumMedia=${'9'.repeat(400)}`))).message).toBe(
			'Twilio: NumMedia is a 400-digit number; the limit is 100 media per message',
		);
		expect(expectCanonical(parse('twilio', mms.replace('NumMedia=1', 'NumMedia=100')))[0].attachments).toHaveLength(1);
	});

	it('Twilio: a body past 1 MiB is refused before it is read', () => {
		const body = `Body=${'x'.repeat(1024 * 1024)}`;
		expect(payloadError(() => parse('twilio', body)).message).toBe('Twilio: the request body is 1,048,581 bytes; the limit is 1,048,576 (1 MiB)');
	});

	it('Telegram: a text that is not a string is refused with its path', () => {
		const update = json('telegram-text.json');
		update.message.text = { bold: 'hi' };
		expect(payloadError(() => parse('telegram', update)).message).toBe('Telegram: message.text must be a string, not an object');
	});

	it('Telegram: a date past year 9999 falls back to the time of parsing, as any unusable time does', () => {
		const update = json('telegram-text.json');
		update.message.date = 300000000000;
		const [event] = expectCanonical(parse('telegram', update));
		expect(Math.abs(Date.parse(event.timestamp) - Date.now())).toBeLessThan(60_000);
	});

	it('WhatsApp: a field of the wrong type is named by its full path; ids may be numbers', () => {
		const body = json('whatsapp-text.json');
		body.entry[0].changes[0].value.messages[0].text.body = 5;
		expect(payloadError(() => parse('whatsapp', body)).message).toBe('WhatsApp Cloud API: entry[0].changes[0].value.messages[0].text.body must be a string, not a number');
		const numeric = json('whatsapp-text.json');
		numeric.entry[0].changes[0].value.messages[0].from = 15555550123;
		expect(expectCanonical(parse('whatsapp', numeric))[0].from.identities).toEqual([{ kind: 'phone', value: '+15555550123' }]);
	});

	it('WhatsApp: a batch past 10,000 messages is refused, naming the limit', () => {
		const body = json('whatsapp-text.json');
		const [message] = body.entry[0].changes[0].value.messages;
		body.entry[0].changes[0].value.messages = Array.from({ length: 10_001 }, () => message);
		expect(payloadError(() => parse('whatsapp', body)).message).toBe('WhatsApp Cloud API: entry[0].changes[0].value.messages has 10,001 items; the limit is 10,000');
	});

	it('Messenger: lists keep their leniency, a status of "constructor" is no status', () => {
		const body = json('messenger-text.json');
		body.entry[0].messaging = 'none';
		expect(parse('messenger', body)).toEqual([]);
		const sms = sharedFixture('twilio-sms-status.form').toString('utf8').replace(/MessageStatus=[a-z]+/, 'MessageStatus=constructor');
		expect(parse('twilio', sms)).toEqual([]);
	});

	it('Evolution: a JID that is not a string is refused with its path', () => {
		const body = json('evolution-messages-upsert.json');
		body.data.key.remoteJid = 5511987654321;
		expect(payloadError(() => parse('evolution', body)).message).toBe('Evolution API: data.key.remoteJid must be a string, not a number');
	});

	it('Postmark: a header whose name is not a string is refused with its path', () => {
		const body = json('email-inbound-postmark.json');
		body.Headers[0].Name = 7;
		expect(payloadError(() => parse('postmark', body)).message).toBe('Postmark: Headers[0].Name must be a string, not a number');
	});

	it('Mailgun: message-headers must be JSON of [name, value] pairs', () => {
		const form = new URLSearchParams(localFixture('mailgun/route-forward.form').toString('utf8'));
		form.set('message-headers', '[["From", {}]]');
		expect(payloadError(() => parse('mailgun', form.toString())).message).toBe('Mailgun: message-headers[0][1] must be a string, not an object');
		form.set('message-headers', '[["From"');
		expect(payloadError(() => parse('mailgun', form.toString())).message).toMatch(/^Mailgun: message-headers is not JSON \(/);
	});
});
