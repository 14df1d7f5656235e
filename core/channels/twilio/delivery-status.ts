import type { CanonicalEvent } from '../../model';
import { ownEntry } from '../shared/own-entry';

/**
 * Twilio's message statuses that say how a sent message ended up, as canonical statuses
 * (undelivered counts as failed). Steps while Twilio still holds the message (queued,
 * accepted, scheduled, sending) and canceled have none.
 */
const DELIVERY_STATUSES: Record<string, CanonicalEvent['status']> = {
	sent: 'sent',
	delivered: 'delivered',
	read: 'read',
	undelivered: 'failed',
	failed: 'failed',
};

export function twilioDeliveryStatus(status: string | null | undefined): CanonicalEvent['status'] | undefined {
	return ownEntry(DELIVERY_STATUSES, (status ?? '').toLowerCase());
}
