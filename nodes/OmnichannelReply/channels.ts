import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import type { ReplyRoute } from '../../core/channels/reply-target';
import { ROUTE_CREDENTIALS } from './reply-senders';

/** The channels in the order the editor lists them. */
const ROUTES: ReplyRoute[] = ['whatsappCloud', 'evolution', 'messenger', 'instagram', 'telegram', 'twilio', 'email'];

/** Which channels the node answers on: each picked channel shows its credential. */
export const channelsProperty: INodeProperties = {
	displayName: 'Channels to Answer On',
	name: 'channels',
	type: 'multiOptions',
	options: ROUTES.map((route) => ({ name: ROUTE_CREDENTIALS[route].channel, value: route })),
	default: [],
	description: 'The channels this flow receives messages from. Pick each one, then select its credential below; a message from a channel not picked here stops the node and says so.',
};

/**
 * One credential per provider account, labelled with the channels it answers (Messenger and
 * Instagram share the Meta Page credential). Always shown: n8n's editor hides any parameter
 * that credentials' display options depend on, so making them follow the channel picker would
 * hide the picker itself. A picked channel without its credential stops the node and says so.
 */
export function replyCredentials(): INodeCredentialDescription[] {
	const byCredential = new Map<string, ReplyRoute[]>();
	for (const route of ROUTES) byCredential.set(ROUTE_CREDENTIALS[route].credential, [...(byCredential.get(ROUTE_CREDENTIALS[route].credential) ?? []), route]);
	return [...byCredential].map(([name, routes]) => ({
		name,
		required: false,
		displayName: `Credential for ${routes.map((route) => ROUTE_CREDENTIALS[route].channel).join(' and ')}`,
	}));
}

/** Short names of the picked channels, e.g. "WhatsApp, Instagram, SMS". */
const SHORT_NAMES: Record<ReplyRoute, string> = { whatsappCloud: 'WhatsApp', evolution: 'WhatsApp', messenger: 'Messenger', instagram: 'Instagram', telegram: 'Telegram', twilio: 'SMS', email: 'E-Mail' };

/** The node's subtitle on the canvas: the channels it answers on. */
export const channelsSubtitle = `={{ ($parameter["channels"] || []).map((channel) => (${JSON.stringify(SHORT_NAMES)})[channel]).filter((name, index, names) => names.indexOf(name) === index).join(", ") || "Pick the channels to answer on" }}`;
