import type { HttpClient, HttpResponse } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry } from '../../http/retry';
import { ProviderError } from '../provider-error';
import { graphUrl, type GraphTarget } from './graph-url';
import { graphErrorOf } from './graph-error';
import { isRetryableGraphResponse } from './send-errors';
import { asText, isRecord, objects, type JsonObject } from '../shared/json-body';

/**
 * The Facebook Pages an access token can send as, with the Instagram professional account
 * linked to each: GET /me/accounts?fields=id,name,instagram_business_account{id,username}, a
 * Graph list read a page at a time by its `after` cursor. A Page access token is itself a
 * Page (it has no `accounts`), so then the Page is read from GET /me.
 */

export interface MetaPage {
	id: string;
	name?: string;
	/** The Instagram professional account linked to the Page. */
	instagram?: { id: string; username?: string };
}

const FIELDS = 'id,name,instagram_business_account{id,username}';
const PAGE_SIZE = 100;

function pageOf(entry: JsonObject): MetaPage | undefined {
	const id = asText(entry.id);
	if (!id) return undefined;
	const page: MetaPage = { id };
	const name = asText(entry.name);
	if (name) page.name = name;
	const linked = isRecord(entry.instagram_business_account) ? entry.instagram_business_account : undefined;
	const instagramId = linked && asText(linked.id);
	if (instagramId) page.instagram = asText(linked.username) ? { id: instagramId, username: asText(linked.username) } : { id: instagramId };
	return page;
}

function listError(response: HttpResponse): ProviderError {
	const error = graphErrorOf(response.body);
	const code = error?.code === undefined ? undefined : error.subcode === undefined ? error.code : `${error.code}/${error.subcode}`;
	return new ProviderError('Meta', `Meta did not list the Pages: ${error?.message ?? `HTTP ${response.status}`}`, {
		status: response.status,
		code,
		hint:
			error?.code === 190
				? 'The access token in the Omnichannel Meta Page credential has expired or was revoked: paste a new one into the credential.'
				: 'Check that the access token in the Omnichannel Meta Page credential may manage the Page (pages_show_list, and instagram_basic for Instagram accounts).',
		body: response.body,
	});
}

async function get(client: HttpClient, url: string, query: Record<string, string | number>): Promise<HttpResponse> {
	return await sendWithRetry(client, { method: 'GET', url, query }, { ...DEFAULT_RETRY_POLICY, isRetryable: isRetryableGraphResponse });
}

/** One page of the Pages the token may use; `after` is the cursor of the next one, absent on the last. */
export async function listMetaPages(client: HttpClient, config: GraphTarget, after?: string): Promise<{ pages: MetaPage[]; after?: string }> {
	const response = await get(client, graphUrl(config, 'me/accounts'), { fields: FIELDS, limit: PAGE_SIZE, ...(after ? { after } : {}) });
	if (response.status >= 200 && response.status < 300 && isRecord(response.body)) {
		const paging = isRecord(response.body.paging) ? response.body.paging : {};
		const cursors = isRecord(paging.cursors) ? paging.cursors : {};
		const pages = objects(response.body.data).map(pageOf).filter((page): page is MetaPage => page !== undefined);
		return { pages, after: asText(paging.next) ? asText(cursors.after) : undefined };
	}
	// A Page token: "(#100) Tried accessing nonexisting field (accounts) on node type (Page)".
	if (graphErrorOf(response.body)?.code !== 100 || after) throw listError(response);
	const me = await get(client, graphUrl(config, 'me'), { fields: FIELDS });
	const page = me.status >= 200 && me.status < 300 && isRecord(me.body) ? pageOf(me.body) : undefined;
	if (!page) throw listError(me.status >= 200 && me.status < 300 ? response : me);
	return { pages: [page] };
}

/** The Page an Instagram account is linked to, among the Pages the token may use; undefined when none is. */
export async function pageLinkedTo(client: HttpClient, config: GraphTarget, instagramAccountId: string): Promise<MetaPage | undefined> {
	let after: string | undefined;
	do {
		const result = await listMetaPages(client, config, after);
		const page = result.pages.find((candidate) => candidate.instagram?.id === instagramAccountId);
		if (page) return page;
		after = result.after;
	} while (after);
	return undefined;
}
