import type { IExecuteFunctions } from 'n8n-workflow';
import type { InstagramConfig } from '../../../../core/channels/instagram/outbound';
import { pageLinkedTo } from '../../../../core/channels/meta/pages';
import { accountOption } from '../../../MetaMessaging/item-parameters';
import type { InstagramNodeConnection } from '../../transport';

/**
 * The Instagram account this item is sent as: the one picked under Options, else the
 * credential's. Through a Facebook Page (the credential has a Page ID), another account is
 * sent through the Page it is linked to, found among the token's Pages once per run; with
 * Instagram Login (no Page) the account sends as itself.
 */
export async function sendingAccount(context: IExecuteFunctions, itemIndex: number, connection: InstagramNodeConnection): Promise<InstagramConfig> {
	const { config } = connection;
	const igAccountId = accountOption(context, itemIndex, 'igAccountId');
	if (!igAccountId || igAccountId === config.igAccountId?.trim()) return config;
	if (!config.pageId?.trim()) return { ...config, igAccountId };
	let pageId = connection.linkedPages.get(igAccountId);
	if (pageId === undefined) {
		pageId = (await pageLinkedTo(connection.http, { baseUrl: config.baseUrl, version: config.version }, igAccountId))?.id ?? '';
		connection.linkedPages.set(igAccountId, pageId);
	}
	if (!pageId) {
		throw new Error(
			`Instagram account ${igAccountId} is not linked to any Facebook Page the credential's token manages: link it to a Page in Meta Business Settings, or use a credential for that account`,
		);
	}
	return { ...config, pageId, igAccountId };
}
