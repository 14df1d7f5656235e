import type { EvolutionConnection } from '../../../core/channels/evolution/definition';
import type { ChannelConnector } from '../../shared/channel-connector';
import { n8nHttpClient } from '../../shared/n8n-http-client';
import { EVOLUTION_CREDENTIAL } from '../credential';

/** The Evolution API server and instance of the credential; n8n adds the API key to every request. */
export const evolutionConnector: ChannelConnector<EvolutionConnection> = {
	credential: EVOLUTION_CREDENTIAL,
	label: 'Omnichannel Evolution API',
	async connect(context) {
		const credential = await context.getCredentials(EVOLUTION_CREDENTIAL);
		return {
			http: n8nHttpClient(context, EVOLUTION_CREDENTIAL),
			config: { baseUrl: String(credential.baseUrl ?? ''), instance: String(credential.instanceName ?? '') },
		};
	},
};
