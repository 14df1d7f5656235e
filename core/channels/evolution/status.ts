import type { CanonicalEvent } from '../../model';

type DeliveryStatus = NonNullable<CanonicalEvent['status']>;

/**
 * Evolution reports Baileys' message states by name (or, in older payloads, by number):
 * ERROR 0, PENDING 1, SERVER_ACK 2 (one tick), DELIVERY_ACK 3 (two ticks), READ 4,
 * PLAYED 5 (a voice note was listened to). PENDING and DELETED are not delivery states.
 */
const STATUSES: Record<string, DeliveryStatus> = {
	ERROR: 'failed',
	SERVER_ACK: 'sent',
	DELIVERY_ACK: 'delivered',
	READ: 'read',
	PLAYED: 'read',
};

const BY_NUMBER = ['ERROR', 'PENDING', 'SERVER_ACK', 'DELIVERY_ACK', 'READ', 'PLAYED'];

export function evolutionDeliveryStatus(status: unknown): DeliveryStatus | undefined {
	const name = typeof status === 'number' ? BY_NUMBER[status] : typeof status === 'string' ? status.trim().toUpperCase() : undefined;
	return name ? STATUSES[name] : undefined;
}
