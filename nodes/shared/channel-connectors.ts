import type { OutboundConnections } from '../../core/channels/outbound-registry';
import type { OutboundRoute } from '../../core/channels/outbound-types';
import { smtpConnector } from '../OmnichannelEmail/transport';
import { evolutionConnector } from '../OmnichannelEvolution/transport';
import { instagramConnector } from '../OmnichannelInstagram/transport';
import { messengerConnector } from '../OmnichannelMessenger/transport';
import { telegramConnector } from '../OmnichannelTelegram/transport';
import { twilioConnector } from '../OmnichannelTwilio/transport';
import { whatsappCloudConnector } from '../OmnichannelWhatsApp/transport';
import type { ChannelConnector } from './channel-connector';

export type ChannelConnectors = { [Route in OutboundRoute]: ChannelConnector<OutboundConnections[Route]> };

/** Each outbound route's connector: the same one its channel's action node sends with. */
export const CHANNEL_CONNECTORS: ChannelConnectors = {
	whatsappCloud: whatsappCloudConnector,
	evolution: evolutionConnector,
	messenger: messengerConnector,
	instagram: instagramConnector,
	telegram: telegramConnector,
	twilio: twilioConnector,
	email: smtpConnector,
};
