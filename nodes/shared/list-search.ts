import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { toNodeError } from './provider-error';

/** What the editor's list searches share: matching what was typed, and errors the editor can show. */

/** Whether any of the texts contains what the person typed, ignoring case; everything matches an empty filter. */
export function matchesFilter(filter: string | undefined, ...texts: Array<string | undefined>): boolean {
	const wanted = filter?.trim().toLowerCase();
	return !wanted || texts.some((value) => value?.toLowerCase().includes(wanted));
}

type ListSearch = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/** A list search whose provider refusals reach the editor as n8n errors, with the provider's code and hint. */
export function listSearch(search: (context: ILoadOptionsFunctions, filter: string | undefined, paginationToken: string | undefined) => Promise<INodeListSearchResult>): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		try {
			return await search(this, filter, paginationToken || undefined);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	};
}

export function searchResult(results: INodeListSearchItems[], paginationToken?: string): INodeListSearchResult {
	return paginationToken ? { results, paginationToken } : { results };
}
