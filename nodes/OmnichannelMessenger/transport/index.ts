import type { MessengerConnection } from '../../../core/channels/messenger/definition';
import { META_PAGE_CREDENTIAL, readMetaPageCredential } from '../../MetaMessaging/credential';
import type { ChannelConnector } from '../../shared/channel-connector';
import { n8nHttpClient } from '../../shared/n8n-http-client';

/** The Facebook Page of the Meta credential; n8n adds the Page token to every request. */
export const messengerConnector: ChannelConnector<MessengerConnection> = {
	credential: META_PAGE_CREDENTIAL,
	label: 'Omnichannel Meta Page API',
	async connect(context) {
		const credential = readMetaPageCredential(await context.getCredentials(META_PAGE_CREDENTIAL));
		return {
			http: n8nHttpClient(context, META_PAGE_CREDENTIAL),
			config: { baseUrl: credential.baseUrl, version: credential.graphApiVersion, pageId: credential.pageId },
		};
	},
};
