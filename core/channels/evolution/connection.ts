import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { asText, isRecord, parseJsonObject } from '../shared/json-body';
import { evolutionEventName } from './event-name';

/** The state of our own WhatsApp number, from a `connection.update` webhook. */
export interface EvolutionConnectionState {
	instance: string;
	/** `open` (connected), `connecting` (waiting for the QR code or pairing) or `close` (disconnected). */
	state: string;
	/** Baileys' disconnect reason code (401 logged out, 408 timed out, 428 closed, 440 replaced, 515 restart). */
	statusReason?: number;
	/** Our own number's JID, when connected. */
	wuid?: string;
}

/**
 * `connection.update` describes our own number, not a customer, so the adapter's `parse`
 * yields no event for it; the node reads it with this function to warn that the instance
 * must be reconnected. Undefined when the body is another event.
 */
export function evolutionConnectionState(body: Buffer | string): EvolutionConnectionState | undefined {
	const json = parseJsonObject(body, 'Evolution API', 'an Evolution API v2 webhook', INBOUND_LIMITS.evolution.bodyBytes);
	if (evolutionEventName(json.event) !== 'connection.update' || !isRecord(json.data)) return undefined;
	const state = asText(json.data.state);
	if (!state) return undefined;
	const result: EvolutionConnectionState = { instance: asText(json.instance) ?? asText(json.data.instance) ?? '', state };
	if (typeof json.data.statusReason === 'number') result.statusReason = json.data.statusReason;
	const wuid = asText(json.data.wuid);
	if (wuid) result.wuid = wuid;
	return result;
}
