import type { CanonicalEvent, Channel } from '../model';
import { evolutionOutbound, type EvolutionConnection } from './evolution/definition';
import { instagramOutbound, type InstagramConnection } from './instagram/definition';
import { messengerOutbound, type MessengerConnection } from './messenger/definition';
import type { OutboundDefinition, OutboundRoute } from './outbound-types';
import { emailOutbound, type EmailConnection } from './smtp/definition';
import type { SessionWindow } from './session-window';
import { telegramOutbound, type TelegramConnection } from './telegram/definition';
import { twilioOutbound, type TwilioConnection } from './twilio/definition';
import { whatsappCloudOutbound, type WhatsAppCloudConnection } from './whatsapp/definition';

/** What each route sends on. */
export interface OutboundConnections {
	whatsappCloud: WhatsAppCloudConnection;
	evolution: EvolutionConnection;
	messenger: MessengerConnection;
	instagram: InstagramConnection;
	telegram: TelegramConnection;
	twilio: TwilioConnection;
	email: EmailConnection;
}

export type OutboundDefinitions = { [Route in OutboundRoute]: OutboundDefinition<OutboundConnections[Route]> };

/** Every outbound route, by the name the Reply node and the CLI use; the outbound twin of INBOUND_ADAPTERS. */
export const OUTBOUND_DEFINITIONS: OutboundDefinitions = {
	whatsappCloud: whatsappCloudOutbound,
	evolution: evolutionOutbound,
	messenger: messengerOutbound,
	instagram: instagramOutbound,
	telegram: telegramOutbound,
	twilio: twilioOutbound,
	email: emailOutbound,
};

export const OUTBOUND_ROUTES = Object.keys(OUTBOUND_DEFINITIONS) as OutboundRoute[];

/** The route that answers an event: the first whose `answers` names its provider (and channel, where given). */
export function routeAnswering(event: Pick<CanonicalEvent, 'provider' | 'channel'>): OutboundDefinition<OutboundConnections[OutboundRoute]> | undefined {
	return Object.values(OUTBOUND_DEFINITIONS).find((definition) =>
		definition.answers.some((answer) => answer.provider === event.provider && (answer.channel === undefined || answer.channel === event.channel)),
	);
}

/** The session window a route keeps on a channel; undefined when messages go out freely. */
export function sessionWindowOf(route: OutboundRoute, channel: Channel): SessionWindow | undefined {
	return OUTBOUND_DEFINITIONS[route].sessionWindows[channel];
}
