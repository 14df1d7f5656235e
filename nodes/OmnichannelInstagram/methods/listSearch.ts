import { listMetaPages } from '../../../core/channels/meta/pages';
import { listSearch, matchesFilter, searchResult } from '../../shared/list-search';
import { instagramConnector } from '../transport';

/** The Instagram professional accounts linked to the Pages the credential's token may use. */
export const searchInstagramAccounts = listSearch(async (context, filter, paginationToken) => {
	const { http, config } = await instagramConnector.connect(context);
	const { pages, after } = await listMetaPages(http, { baseUrl: config.baseUrl, version: config.version }, paginationToken);
	const results = pages.flatMap(({ instagram, name }) => {
		if (!instagram || !matchesFilter(filter, instagram.username, name, instagram.id)) return [];
		return [
			{
				name: instagram.username ? `@${instagram.username}` : instagram.id,
				value: instagram.id,
				...(name ? { description: `Through the Page ${name}` } : {}),
				...(instagram.username ? { url: `https://www.instagram.com/${instagram.username}` } : {}),
			},
		];
	});
	return searchResult(results, after);
});
