import { DEFAULT_PROTECTION_RULES, parseResolveInput, prepareInput, protectionRules } from '../../../core';
import { inboundMessage } from '../../support/events';

const prepare = (identities: { kind: string; value: unknown; country?: string }[], rules = DEFAULT_PROTECTION_RULES) =>
	prepareInput({ identities }, rules);

describe('preparing identifiers for matching', () => {
	it.each(['test@test.com', 'EXAMPLE@example.com', '', 'null', 'none', 'N/A'])('never matches on the placeholder e-mail %p', (value) => {
		const prepared = prepare([{ kind: 'email', value }, { kind: 'phone', value: '+5511987654321' }]);
		expect(prepared.identities).toEqual([{ kind: 'phone', value: '+5511987654321' }]);
		expect(prepared.warnings).toHaveLength(1);
	});

	it.each(['0000000000', '+55 11 99999-9999', '5511999999999', '+1 111 111 1111'])('never matches on the repeated-digit phone %p', (value) => {
		const prepared = prepare([{ kind: 'whatsapp', value }, { kind: 'email', value: 'ana@example.org' }]);
		expect(prepared.identities).toEqual([{ kind: 'email', value: 'ana@example.org' }]);
		expect(prepared.warnings[0]).toContain('repeated digit');
	});

	it('makes an input with nothing usable an error that lists why', () => {
		const prepared = prepare([{ kind: 'email', value: 'test@test.com' }, { kind: 'phone', value: 'call me' }]);
		expect(prepared.error).toMatch(/no usable identifier.*placeholder.*not a phone number/);
	});

	it('orders identifiers by the priority of their kind and drops duplicates', () => {
		const prepared = prepare([
			{ kind: 'webchat', value: 'v1' },
			{ kind: 'phone', value: '+5511987654321' },
			{ kind: 'whatsapp', value: '551187654321' },
			{ kind: 'email', value: 'a@b.co' },
		]);
		expect(prepared.identities.map((identity) => identity.kind)).toEqual(['email', 'phone', 'webchat']);
	});

	it('lets blocked values be configured', () => {
		const rules = protectionRules({ blockedValues: ['vip@shop.com'] });
		expect(prepare([{ kind: 'email', value: 'vip@shop.com' }], rules).error).toBeDefined();
		expect(prepare([{ kind: 'email', value: 'test@test.com' }], rules).error).toBeUndefined();
	});

	it('reads CLI lines: plain identifiers, or a canonical event whose customer is the sender', () => {
		expect(parseResolveInput({ identities: [{ kind: 'email', value: 'a@b.co' }], name: 'Ana' })).toMatchObject({ name: 'Ana' });
		const event = inboundMessage([{ kind: 'phone', value: '+5511987654321' }], { from: { identities: [{ kind: 'phone', value: '+5511987654321' }], name: 'Ana' } });
		expect(parseResolveInput(event)).toMatchObject({ identities: [{ kind: 'phone', value: '+5511987654321' }], name: 'Ana', event });
		expect(() => parseResolveInput({ ...event, timestamp: 'yesterday' })).toThrow(/timestamp/);
		expect(() => parseResolveInput([1])).toThrow(/JSON object/);
		expect(() => parseResolveInput({ email: 'a@b.co' })).toThrow(/"identities"/);
	});
});

describe('event timestamps', () => {
	const receivedAt = Date.parse('2026-06-09T10:30:00Z');
	const identities = [{ kind: 'email' as const, value: 'ana@example.org' }];
	const prepareEvent = (timestamp: string) => prepareInput({ identities, event: inboundMessage(identities, { timestamp }) }, DEFAULT_PROTECTION_RULES, undefined, receivedAt);

	it.each(['9999-12-31T23:59:59Z', '2026-06-10T10:30:01Z', '2026-06-11T00:00:00-03:00'])('records an event dated more than a day after its receipt (%s) at its receipt, with a warning', (timestamp) => {
		const prepared = prepareEvent(timestamp);
		expect(prepared.error).toBeUndefined();
		expect(prepared.event?.timestamp).toBe('2026-06-09T10:30:00.000Z');
		expect(prepared.warnings).toEqual([`the event's timestamp ${timestamp} is more than a day after it was received: recorded at 2026-06-09T10:30:00.000Z, when it was received`]);
	});

	it('records a timestamp PostgreSQL cannot hold (year 0) at its receipt too', () => {
		expect(prepareEvent('0000-01-01T00:00:00Z')).toMatchObject({ event: { timestamp: '2026-06-09T10:30:00.000Z' }, warnings: [expect.stringContaining('before year 1')] });
	});

	it.each(['2026-06-10T10:30:00Z', '2026-06-09T12:00:00+02:00', '2019-01-01T00:00:00Z', '0001-01-01T00:00:00Z'])('keeps a timestamp up to a day ahead, and any past one (%s)', (timestamp) => {
		const prepared = prepareEvent(timestamp);
		expect(prepared.event?.timestamp).toBe(timestamp);
		expect(prepared.warnings).toEqual([]);
	});
});

describe('reading a resolve line', () => {
	const phone = { kind: 'phone', value: '(11) 98765-4321' };

	it.each([
		[{ identities: [phone], country: 55 }, 'country must be a two-letter country code such as "BR"'],
		[{ identities: [{ ...phone, country: 55 }] }, 'identities[0].country must be a two-letter country code such as "BR"'],
		[{ identities: [{ ...phone, country: 'Brazil' }] }, 'identities[0].country must be a two-letter country code such as "BR"'],
		[{ identities: [phone, { kind: 5, value: 'a@b.co' }] }, 'identities[1].kind must be text such as "email"'],
		[{ identities: [{ value: 'a@b.co' }] }, expect.stringMatching(/^identities\[0\]\.kind is missing: use one of whatsapp, phone, email/)],
		[{ identities: [{ kind: 'email', value: { address: 'a@b.co' } }] }, 'identities[0].value must be text or a number'],
		[{ identities: [{ kind: 'email', value: true }] }, 'identities[0].value must be text or a number'],
		[{ identities: ['a@b.co'] }, 'identities[0] must be an object such as {"kind": "email", "value": "…"}'],
		[{ identities: { kind: 'email', value: 'a@b.co' } }, 'identities must be a list such as [{"kind": "email", "value": "…"}]'],
		[{ identities: [phone], name: 5 }, 'name must be text'],
		[{ identities: [phone], traits: [1] }, 'traits must be an object such as {"plan": "gold"}'],
		[{ identities: [phone], traits: 'gold' }, 'traits must be an object such as {"plan": "gold"}'],
	])('says in its own words what is wrong with %j', (line, message) => {
		let thrown: unknown;
		try {
			parseResolveInput(line);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(Error);
		expect((thrown as Error).message).toEqual(message);
	});

	it("applies the line's country to identifiers without their own, and takes empty fields as absent", () => {
		const input = parseResolveInput({ identities: [phone, { ...phone, country: 'mx' }, { kind: 'email', value: null }], country: ' br ', name: null, traits: null });
		expect(input).toEqual({ identities: [{ ...phone, country: 'BR' }, { ...phone, country: 'MX' }, { kind: 'email', value: null, country: 'BR' }], name: undefined, traits: undefined });
		expect(parseResolveInput({ identities: [{ ...phone, country: '' }] }).identities).toEqual([{ ...phone, country: undefined }]);
		// The line's country comes before the default one.
		expect(prepareInput(input, DEFAULT_PROTECTION_RULES, 'US').identities[0]).toEqual({ kind: 'phone', value: '+5511987654321' });
	});

	it('keeps traits exactly as given', () => {
		const traits = JSON.parse('{"__proto__": {"x": 1}, "plan": "gold"}');
		expect(parseResolveInput({ identities: [phone], traits }).traits).toBe(traits);
	});
});
