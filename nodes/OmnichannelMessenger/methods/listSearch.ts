import { listMetaPages } from '../../../core/channels/meta/pages';
import { listSearch, matchesFilter, searchResult } from '../../shared/list-search';
import { messengerConnector } from '../transport';

/** The Facebook Pages the credential's token may use, a page of results at a time. */
export const searchPages = listSearch(async (context, filter, paginationToken) => {
	const { http, config } = await messengerConnector.connect(context);
	const { pages, after } = await listMetaPages(http, { baseUrl: config.baseUrl, version: config.version }, paginationToken);
	const results = pages
		.filter((page) => matchesFilter(filter, page.name, page.id))
		.map((page) => ({ name: page.name ?? page.id, value: page.id, url: `https://www.facebook.com/${page.id}` }));
	return searchResult(results, after);
});
