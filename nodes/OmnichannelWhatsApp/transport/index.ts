import type { WhatsAppCloudConnection } from '../../../core/channels/whatsapp/definition';
import type { ChannelConnector } from '../../shared/channel-connector';
import { n8nHttpClient } from '../../shared/n8n-http-client';
import { readWhatsAppCredential, senderConfig, WHATSAPP_CLOUD_CREDENTIAL } from '../credential';

/** What the WhatsApp node sends on; the business account is what its list searches read. */
export interface WhatsAppConnection extends WhatsAppCloudConnection {
	businessAccountId: string;
}

/** The Cloud API as the credential describes it: its number, version and base URL, requests signed by n8n. */
export const whatsappCloudConnector: ChannelConnector<WhatsAppConnection> = {
	credential: WHATSAPP_CLOUD_CREDENTIAL,
	label: 'Omnichannel WhatsApp Cloud API',
	async connect(context) {
		const credential = readWhatsAppCredential(await context.getCredentials(WHATSAPP_CLOUD_CREDENTIAL));
		return { http: n8nHttpClient(context, WHATSAPP_CLOUD_CREDENTIAL), config: senderConfig(credential), businessAccountId: credential.businessAccountId };
	},
};
