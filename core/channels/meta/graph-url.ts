/**
 * Where Meta's Graph API is, for every Meta channel (WhatsApp Cloud API, Messenger,
 * Instagram): one default version and one way of writing a Graph URL.
 */

/** The Graph API version used when none is configured: the current one when this was written. */
export const DEFAULT_GRAPH_API_VERSION = 'v26.0';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

/** A Graph API host (graph.facebook.com, graph.instagram.com, a proxy, a test server) and a version. */
export interface GraphTarget {
	baseUrl?: string;
	version?: string;
}

/** The Graph API version as Meta writes it: "v26.0" from "26", "26.0", "v26.0" or "/v26.0/"; the default when empty. */
export function normalizeGraphApiVersion(version: string | undefined): string {
	const value = (version ?? '').trim().replace(/^\/+|\/+$/g, '');
	if (!value) return DEFAULT_GRAPH_API_VERSION;
	const match = /^v?(\d+)(?:\.(\d+))?$/i.exec(value);
	return match ? `v${match[1]}.${match[2] ?? '0'}` : value;
}

/** The URL of a Graph API path under the target's host and version, e.g. `.../v26.0/<id>/messages`. */
export function graphUrl(target: GraphTarget, path: string): string {
	const base = (target.baseUrl?.trim() || DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
	return `${base}/${normalizeGraphApiVersion(target.version)}/${path.replace(/^\/+/, '')}`;
}
