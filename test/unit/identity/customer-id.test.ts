import { newCustomerId } from '../../../core/identity/customer-id';

describe('customer ids', () => {
	it('are RFC 9562 version 7 UUIDs that sort by creation time', () => {
		const earlier = newCustomerId(Date.UTC(2026, 0, 1));
		const later = newCustomerId(Date.UTC(2026, 0, 1) + 1);
		expect(earlier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(earlier < later).toBe(true);
		expect(earlier.slice(0, 13)).toBe(`${Date.UTC(2026, 0, 1).toString(16).padStart(12, '0').slice(0, 8)}-${Date.UTC(2026, 0, 1).toString(16).padStart(12, '0').slice(8)}`);
	});

	it('never repeat, and sort in creation order even within one millisecond', () => {
		const ids = Array.from({ length: 10_000 }, () => newCustomerId(Date.UTC(2026, 0, 2)));
		expect(new Set(ids).size).toBe(10_000);
		expect([...ids].sort()).toEqual(ids);
	});
});
