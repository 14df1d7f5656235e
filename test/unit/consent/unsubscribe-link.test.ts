import { oneClickUnsubscribeHeaders, readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from '../../../core/consent/unsubscribe-link';

const SECRET = 'link-secret-for-tests-0123456789';
const CUSTOMER = '01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11';

describe('one-click unsubscribe links', () => {
	it('reads back the customer and purpose of a token it signed, and nothing of one changed anywhere', () => {
		const token = unsubscribeToken(SECRET, CUSTOMER);
		expect(readUnsubscribeToken(SECRET, token)).toEqual({ customerId: CUSTOMER, purpose: 'marketing' });
		const [, , mac] = token.split('.');
		const otherCustomer = `01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a12.marketing.${mac}`;
		const otherPurpose = `${CUSTOMER}.all.${mac}`;
		const otherMac = `${CUSTOMER}.marketing.${Buffer.alloc(32).toString('base64url')}`;
		for (const forged of [otherCustomer, otherPurpose, otherMac, `${token}.x`, token.slice(0, -2), '', 'garbage']) {
			expect(readUnsubscribeToken(SECRET, forged)).toBeUndefined();
		}
		expect(readUnsubscribeToken('another-secret-0123456789abcdef', token)).toBeUndefined();
	});

	it('never carries an address, and refuses what is not a customer ID or a short secret', () => {
		expect(unsubscribeToken(SECRET, CUSTOMER)).toMatch(/^[0-9a-f-]{36}\.marketing\.[\w-]{43}$/);
		expect(() => unsubscribeToken(SECRET, 'maria@example.com')).toThrow('"maria@example.com" is not a customer ID');
		expect(() => unsubscribeToken('short', CUSTOMER)).toThrow('at least 16 characters');
	});

	it('puts the token in the trigger URL and the two RFC 8058 headers around it', () => {
		const url = unsubscribeUrl('https://n8n.example.com/webhook/abc/unsubscribe', 'T.marketing.M');
		expect(url).toBe('https://n8n.example.com/webhook/abc/unsubscribe?token=T.marketing.M');
		expect(oneClickUnsubscribeHeaders(url)).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
		expect(() => unsubscribeUrl('mailto:x@example.com', 't')).toThrow('is not a web address');
	});
});
