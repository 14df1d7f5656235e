import type { TwilioConnection } from '../../../core/channels/twilio/definition';
import type { ChannelConnector } from '../../shared/channel-connector';
import { n8nHttpClient } from '../../shared/n8n-http-client';
import { TWILIO_CREDENTIAL, twilioApiConfig } from '../credential';

/** The Twilio account of the credential; n8n signs every request with its SID and token or API key. */
export const twilioConnector: ChannelConnector<TwilioConnection> = {
	credential: TWILIO_CREDENTIAL,
	label: 'Omnichannel Twilio API',
	async connect(context) {
		return { http: n8nHttpClient(context, TWILIO_CREDENTIAL), config: twilioApiConfig(await context.getCredentials(TWILIO_CREDENTIAL)) };
	},
};
