import { normalizeIdentity, normalizePhone, normalizeWhatsAppId } from '../../../core';

describe('phone numbers to E.164', () => {
	it.each([
		['+55 11 98765-4321', undefined, '+5511987654321'],
		['(11) 98765-4321', 'BR', '+5511987654321'],
		['0055 11 98765 4321', undefined, '+5511987654321'],
		['+1 (415) 555-0123', undefined, '+14155550123'],
		['415.555.0123', 'us', '+14155550123'],
		['+44 20 7946 0958', undefined, '+442079460958'],
	])('%s (default country %s) is %s', (input, country, expected) => {
		expect(normalizePhone(input, country)).toEqual({ ok: true, value: expected });
	});

	it('adds the 9th digit Brazilian mobiles lack in old WhatsApp ids and old spellings', () => {
		expect(normalizeWhatsAppId('551187654321')).toEqual({ ok: true, value: '+5511987654321' });
		expect(normalizePhone('(11) 8765-4321', 'BR')).toEqual({ ok: true, value: '+5511987654321' });
		expect(normalizePhone('+55 21 7654-3210')).toEqual({ ok: true, value: '+5521976543210' });
	});

	it('leaves Brazilian landlines (starting 2 to 5) as they are', () => {
		expect(normalizePhone('(11) 3456-7890', 'BR')).toEqual({ ok: true, value: '+551134567890' });
		expect(normalizeWhatsAppId('551134567890')).toEqual({ ok: true, value: '+551134567890' });
	});

	it("drops Mexico's legacy 1 after +52 and the retired 044/045 prefixes", () => {
		expect(normalizeWhatsAppId('5215512345678')).toEqual({ ok: true, value: '+525512345678' });
		expect(normalizePhone('+52 1 55 1234 5678')).toEqual({ ok: true, value: '+525512345678' });
		expect(normalizePhone('044 55 1234 5678', 'MX')).toEqual({ ok: true, value: '+525512345678' });
		expect(normalizePhone('55 1234 5678', 'MX')).toEqual({ ok: true, value: '+525512345678' });
	});

	it("writes Argentine mobiles with the 9, from WhatsApp ids and from the national 15 format", () => {
		expect(normalizeWhatsAppId('5491112345678')).toEqual({ ok: true, value: '+5491112345678' });
		expect(normalizePhone('011 15 1234-5678', 'AR')).toEqual({ ok: true, value: '+5491112345678' });
		expect(normalizePhone('+54 11 15 1234 5678')).toEqual({ ok: true, value: '+5491112345678' });
	});

	it('reads a WhatsApp JID as its number', () => {
		expect(normalizeWhatsAppId('5511955550123@s.whatsapp.net')).toEqual({ ok: true, value: '+5511955550123' });
	});

	it('refuses what is not a phone, and national numbers without a country, saying why', () => {
		expect(normalizePhone('abc')).toEqual({ ok: false, reason: expect.stringContaining('not a phone number') });
		expect(normalizePhone('98765-4321')).toEqual({ ok: false, reason: expect.stringContaining('default country') });
		expect(normalizePhone('12', 'BR')).toEqual({ ok: false, reason: expect.stringContaining('not a possible phone number') });
		expect(normalizeWhatsAppId('12ab')).toEqual({ ok: false, reason: expect.stringContaining('not a WhatsApp id') });
	});
});

describe('identifiers of every kind', () => {
	it('trims and lower-cases e-mails, and refuses non-addresses', () => {
		expect(normalizeIdentity({ kind: 'email', value: '  Ana.Silva@Example.COM ' })).toEqual({ ok: true, identity: { kind: 'email', value: 'ana.silva@example.com' } });
		expect(normalizeIdentity({ kind: 'email', value: 'ana at example' })).toMatchObject({ ok: false });
	});

	it('turns a WhatsApp id into a phone identity, and uses the per-identity country before the default', () => {
		expect(normalizeIdentity({ kind: 'whatsapp', value: '5215512345678' })).toEqual({ ok: true, identity: { kind: 'phone', value: '+525512345678' } });
		expect(normalizeIdentity({ kind: 'phone', value: '11 98765 4321', country: 'BR' }, 'US')).toEqual({ ok: true, identity: { kind: 'phone', value: '+5511987654321' } });
	});

	it('keeps the scope of Messenger and Instagram ids and refuses them without it', () => {
		expect(normalizeIdentity({ kind: 'messenger', value: '1234:5678' })).toEqual({ ok: true, identity: { kind: 'messenger', value: '1234:5678' } });
		expect(normalizeIdentity({ kind: 'instagram', value: '5678' })).toEqual({ ok: false, reason: expect.stringContaining('<igAccountId>:<userId>') });
	});

	it('refuses unknown kinds, non-numeric Telegram ids and missing values', () => {
		expect(normalizeIdentity({ kind: 'fax', value: '1' })).toEqual({ ok: false, reason: expect.stringContaining('unknown identifier kind "fax"') });
		expect(normalizeIdentity({ kind: 'telegram', value: 'bob' })).toMatchObject({ ok: false });
		expect(normalizeIdentity({ kind: 'email', value: null })).toMatchObject({ ok: false });
	});

	it('refuses values too long to be identifiers', () => {
		expect(normalizeIdentity({ kind: 'external', value: 'x'.repeat(513) })).toEqual({ ok: false, reason: 'external is 513 characters long, too long to be an identifier' });
		expect(normalizeIdentity({ kind: 'external', value: 'x'.repeat(512) })).toMatchObject({ ok: true });
	});

	it('accepts CRM and external ids as given, trimmed', () => {
		expect(normalizeIdentity({ kind: 'hubspot', value: ' 501 ' })).toEqual({ ok: true, identity: { kind: 'hubspot', value: '501' } });
		expect(normalizeIdentity({ kind: 'external', value: 'user-9' })).toEqual({ ok: true, identity: { kind: 'external', value: 'user-9' } });
	});
});

describe('identifier text', () => {
	it('stores the same identifier however its letters were composed (NFC)', () => {
		const composed = normalizeIdentity({ kind: 'email', value: 'jos\u00e9@example.org' });
		expect(normalizeIdentity({ kind: 'email', value: 'jose\u0301@example.org' })).toEqual(composed);
		expect(normalizeIdentity({ kind: 'external', value: 'Jose\u0301' })).toEqual({ ok: true, identity: { kind: 'external', value: 'Jos\u00e9' } });
	});

	it.each([
		['zero-width space', '\u200b'],
		['zero-width non-joiner', '\u200c'],
		['zero-width joiner', '\u200d'],
		['word joiner', '\u2060'],
		['byte order mark', '\ufeff'],
		['soft hyphen', '\u00ad'],
		['left-to-right mark', '\u200e'],
		['Hangul filler', '\u3164'],
	])('drops a pasted %s', (_name, invisible) => {
		expect(normalizeIdentity({ kind: 'email', value: `ana${invisible}@example.org${invisible}` })).toEqual({ ok: true, identity: { kind: 'email', value: 'ana@example.org' } });
		expect(normalizeIdentity({ kind: 'phone', value: `+55 11 98765${invisible}-4321` })).toEqual({ ok: true, identity: { kind: 'phone', value: '+5511987654321' } });
		expect(normalizeIdentity({ kind: 'messenger', value: `${invisible}1234:${invisible}5678` })).toEqual({ ok: true, identity: { kind: 'messenger', value: '1234:5678' } });
	});

	it('refuses half a character (a lone surrogate), saying which and where, in a message that is itself well-formed', () => {
		for (const [value, half, position] of [['user-\ud800x', 'U+D800', 6], ['user-\udc00', 'U+DC00', 6], ['\ud83d', 'U+D83D', 1]] as const) {
			const result = normalizeIdentity({ kind: 'external', value });
			expect(result).toEqual({ ok: false, reason: expect.stringContaining(`lone surrogate ${half}) at position ${position}`) });
			expect((result as { reason: string }).reason).not.toMatch(/[\ud800-\udfff]/);
		}
		expect(normalizeIdentity({ kind: 'external', value: 'user-\ud83d\ude00' })).toEqual({ ok: true, identity: { kind: 'external', value: 'user-\ud83d\ude00' } });
	});

	it('refuses control characters inside an identifier; trims them at its ends; still drops NULs of broken exports', () => {
		expect(normalizeIdentity({ kind: 'external', value: 'user\u00079' })).toEqual({ ok: false, reason: '"user\\u00079" holds the control character U+0007 at position 5, which no identifier has' });
		expect(normalizeIdentity({ kind: 'external', value: 'user\t9' })).toMatchObject({ ok: false, reason: expect.stringContaining('U+0009') });
		expect(normalizeIdentity({ kind: 'external', value: 'user\u00859' })).toMatchObject({ ok: false, reason: expect.stringContaining('U+0085') });
		expect(normalizeIdentity({ kind: 'email', value: '\tana@example.org\r\n' })).toEqual({ ok: true, identity: { kind: 'email', value: 'ana@example.org' } });
		expect(normalizeIdentity({ kind: 'email', value: 'a\u0000na@example.org' })).toEqual({ ok: true, identity: { kind: 'email', value: 'ana@example.org' } });
	});
});

describe('the country of a phone number', () => {
	it('refuses a country that is not a two-letter code, whatever its type, instead of failing', () => {
		for (const [country, shown] of [[55, '55'], ['Brazil', '"Brazil"'], [{ code: 'BR' }, '{"code":"BR"}'], [true, 'true']] as const) {
			expect(normalizeIdentity({ kind: 'phone', value: '11 98765 4321', country })).toEqual({ ok: false, reason: `country ${shown} must be a two-letter country code such as "BR"` });
			expect(normalizeIdentity({ kind: 'phone', value: '11 98765 4321' }, country as unknown as string)).toMatchObject({ ok: false, reason: expect.stringContaining('two-letter country code') });
		}
	});

	it("takes a blank country as none, and the default country then", () => {
		expect(normalizeIdentity({ kind: 'phone', value: '11 98765 4321', country: ' ' }, 'br')).toEqual({ ok: true, identity: { kind: 'phone', value: '+5511987654321' } });
		expect(normalizeIdentity({ kind: 'phone', value: '+55 11 98765 4321', country: null })).toEqual({ ok: true, identity: { kind: 'phone', value: '+5511987654321' } });
	});
});
