import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { DEFAULT_GRAPH_BASE_URL, normalizeGraphApiVersion } from '../../core/channels/meta/graph-url';

/** The credential every Messenger and Instagram node uses (credentials/MetaPageApi.credentials.ts). */
export const META_PAGE_CREDENTIAL = 'omnichannelMetaPageApi';

export interface MetaPageCredential {
	accessToken: string;
	appId: string;
	appSecret: string;
	verifyToken: string;
	pageId: string;
	igAccountId: string;
	graphApiVersion: string;
	baseUrl: string;
}

export function readMetaPageCredential(data: ICredentialDataDecryptedObject): MetaPageCredential {
	const value = (key: string, fallback = '') => (data[key] === undefined || data[key] === null ? fallback : String(data[key]).trim());
	return {
		accessToken: value('accessToken'),
		appId: value('appId'),
		appSecret: value('appSecret'),
		verifyToken: value('verifyToken'),
		pageId: value('pageId'),
		igAccountId: value('igAccountId'),
		graphApiVersion: normalizeGraphApiVersion(value('graphApiVersion')),
		baseUrl: value('baseUrl') || DEFAULT_GRAPH_BASE_URL,
	};
}
