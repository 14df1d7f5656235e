import { randomUUID } from 'node:crypto';

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
	// The random part and the variant bits come from a v4 UUID (node caches its entropy).
	const random = randomUUID();
	const time = lastMs.toString(16).padStart(12, '0');
	const version = (0x7000 | counter).toString(16);
	return `${time.slice(0, 8)}-${time.slice(8)}-${version}-${random.slice(19)}`;
}
