import { customerTimeZone, parseQuietHours, quietHoursAt, type QuietHours } from '../../../core';

const NIGHT = parseQuietHours('21:00-08:00') as QuietHours;
const at = (iso: string) => Date.parse(iso);

describe('quiet hours in the customer’s time zone', () => {
	it('holds one instant differently in São Paulo, Warsaw and Tokyo', () => {
		const instant = at('2026-11-01T23:30:00Z');
		expect(quietHoursAt(NIGHT, 'America/Sao_Paulo', instant)).toEqual({ quiet: false, localTime: '20:30' });
		expect(quietHoursAt(NIGHT, 'Europe/Warsaw', instant)).toEqual({ quiet: true, localTime: '00:30', sendAt: '2026-11-02T08:00:00+01:00' });
		expect(quietHoursAt(NIGHT, 'Asia/Tokyo', instant)).toEqual({ quiet: false, localTime: '08:30' });
	});

	it('sends a message written at 23:00 the next morning, and one written at 02:00 the same morning', () => {
		expect(quietHoursAt(NIGHT, 'America/Sao_Paulo', at('2026-06-10T02:00:00Z')).sendAt).toBe('2026-06-10T08:00:00-03:00');
		expect(quietHoursAt(NIGHT, 'America/Sao_Paulo', at('2026-06-10T05:00:00Z')).sendAt).toBe('2026-06-10T08:00:00-03:00');
		// 21:00 sharp is quiet, 08:00 sharp is not.
		expect(quietHoursAt(NIGHT, 'America/Sao_Paulo', at('2026-06-10T00:00:00Z')).quiet).toBe(true);
		expect(quietHoursAt(NIGHT, 'America/Sao_Paulo', at('2026-06-10T11:00:00Z')).quiet).toBe(false);
	});

	it('ends the night at 08:00 local time across the spring and autumn clock changes', () => {
		// Warsaw springs forward on 29 March 2026: the night is an hour shorter, morning is still 08:00 (now +02:00).
		expect(quietHoursAt(NIGHT, 'Europe/Warsaw', at('2026-03-28T21:30:00Z')).sendAt).toBe('2026-03-29T08:00:00+02:00');
		// …and falls back on 25 October 2026: 08:00 at +01:00.
		expect(quietHoursAt(NIGHT, 'Europe/Warsaw', at('2026-10-24T21:00:00Z')).sendAt).toBe('2026-10-25T08:00:00+01:00');
		// New York's clocks jump from 02:00 to 03:00 on 8 March 2026: quiet hours ending at 02:30 end at 03:30 EDT, after the jump.
		const early = parseQuietHours('01:00-02:30') as QuietHours;
		const verdict = quietHoursAt(early, 'America/New_York', at('2026-03-08T06:30:00Z'));
		expect(verdict).toEqual({ quiet: true, localTime: '01:30', sendAt: '2026-03-08T03:30:00-04:00' });
		expect(Date.parse(verdict.sendAt!)).toBeGreaterThan(at('2026-03-08T06:30:00Z'));
	});

	it('says how to write quiet hours when they are mistyped', () => {
		expect(parseQuietHours('9pm to 8am')).toMatch(/write it as "21:00-08:00"/);
		expect(parseQuietHours('21:00-25:00')).toMatch(/"25:00" is not a time/);
	});
});

describe('the customer’s time zone', () => {
	it('takes the timeZone trait, else the country of their phone, else the default', () => {
		const phone = [{ kind: 'phone' as const, value: '+48601234567' }];
		expect(customerTimeZone({ traits: { timeZone: 'America/Manaus' }, identities: phone }, 'UTC')).toEqual({ zone: 'America/Manaus', source: 'trait' });
		expect(customerTimeZone({ traits: { timeZone: 'Mars/Olympus' }, identities: phone }, 'UTC')).toEqual({ zone: 'Europe/Warsaw', source: 'phone', country: 'PL' });
		expect(customerTimeZone({ traits: {}, identities: [{ kind: 'phone', value: '+5511987654321' }] }, 'UTC')).toEqual({ zone: 'America/Sao_Paulo', source: 'phone', country: 'BR' });
		expect(customerTimeZone({ traits: {}, identities: [{ kind: 'email', value: 'ana@example.org' }] }, 'Europe/Lisbon')).toEqual({ zone: 'Europe/Lisbon', source: 'default' });
	});
});
