import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * A new customer id: a UUID version 7 (RFC 9562). Its first 48 bits are the creation time
 * in milliseconds and the next 12 a counter within the millisecond, so ids made by one
 * process sort in creation order: the oldest customer survives merges, and new customers
 * land at the end of every index keyed by customer instead of on random pages.
 */
export function newCustomerId(now = Date.now()): string {
	if (now > lastMs) {
		lastMs = now;
		counter = 0;
	} else if (++counter > 0xfff) {
		lastMs++;
		counter = 0;
	}
	const bytes = randomBytes(16);
	bytes.writeUIntBE(lastMs, 0, 6);
	bytes[6] = 0x70 | (counter >> 8);
	bytes[7] = counter & 0xff;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
