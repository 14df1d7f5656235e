import { listEvolutionInstances } from '../../../core/channels/evolution/instances';
import { listSearch, matchesFilter, searchResult } from '../../shared/list-search';
import { evolutionConnector } from '../transport';

const STATUS: Record<string, string> = { open: 'connected', connecting: 'connecting', close: 'disconnected' };

/** The server's instances (its WhatsApp numbers), with their number and whether they are connected. */
export const searchInstances = listSearch(async (context, filter) => {
	const { http, config } = await evolutionConnector.connect(context);
	const instances = await listEvolutionInstances(http, config.baseUrl, config.instance);
	const results = instances
		.filter((instance) => matchesFilter(filter, instance.name, instance.profileName, instance.number))
		.map((instance) => ({
			name: instance.name,
			value: instance.name,
			description: [instance.number && `+${instance.number}`, instance.profileName, instance.status && (STATUS[instance.status] ?? instance.status)].filter(Boolean).join(' · '),
		}));
	return searchResult(results);
});
