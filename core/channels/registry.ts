import { evolutionInbound } from './evolution/inbound';
import { instagramInboundAdapter } from './instagram/inbound';
import { mailgunInbound } from './mailgun/inbound';
import { messengerInboundAdapter } from './messenger/inbound';
import { postmarkInbound } from './postmark/inbound';
import { telegramInbound } from './telegram/inbound';
import { twilioInbound } from './twilio/inbound';
import type { InboundAdapter } from './types';
import { whatsappInboundAdapter } from './whatsapp/inbound';

/** Every inbound adapter, by the name the CLI and the Reply node use. */
export const INBOUND_ADAPTERS: Record<string, InboundAdapter> = Object.fromEntries(
	[whatsappInboundAdapter, evolutionInbound, messengerInboundAdapter, instagramInboundAdapter, telegramInbound, twilioInbound, postmarkInbound, mailgunInbound].map(
		(adapter) => [adapter.name, adapter],
	),
);

export function inboundAdapter(name: string): InboundAdapter | undefined {
	return INBOUND_ADAPTERS[name];
}
