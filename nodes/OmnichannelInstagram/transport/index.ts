import type { InstagramConnection } from '../../../core/channels/instagram/definition';
import { META_PAGE_CREDENTIAL, readMetaPageCredential } from '../../MetaMessaging/credential';
import type { ChannelConnector } from '../../shared/channel-connector';
import { n8nHttpClient } from '../../shared/n8n-http-client';

/** What the Instagram node sends on; other accounts' Pages, once looked up, are kept for the run. */
export interface InstagramNodeConnection extends InstagramConnection {
	linkedPages: Map<string, string>;
}

/** The Instagram account of the Meta credential, and the Page it sends through (none with Instagram Login). */
export const instagramConnector: ChannelConnector<InstagramNodeConnection> = {
	credential: META_PAGE_CREDENTIAL,
	label: 'Omnichannel Meta Page API',
	async connect(context) {
		const credential = readMetaPageCredential(await context.getCredentials(META_PAGE_CREDENTIAL));
		return {
			http: n8nHttpClient(context, META_PAGE_CREDENTIAL),
			config: { baseUrl: credential.baseUrl, version: credential.graphApiVersion, pageId: credential.pageId, igAccountId: credential.igAccountId },
			linkedPages: new Map(),
		};
	},
};
