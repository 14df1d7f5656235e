import { NodeOperationError, type IHookFunctions, type INodeProperties } from 'n8n-workflow';
import { appDeliversTo, subscribeApp, unsubscribeApp, type AppSubscriptionTarget } from '../../core/channels/meta/app-subscriptions';
import { registerSubscribedApp, subscribedToAll, unregisterSubscribedApp, type SubscribedAppsState, type SubscribedAppsTarget } from '../../core/channels/meta/subscribed-apps';
import { metaVerifyToken } from '../../core/channels/meta/verify-token';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { isThisNodesUrl, webhookUrlOf, type RegistrationStep } from '../shared/webhook-registration';
import { META_PAGE_CREDENTIAL, readMetaPageCredential, type MetaPageCredential } from './credential';

/**
 * What activating a Messenger or Instagram trigger registers at Meta, when the credential
 * has an App ID:
 * - Messenger: the app's Page webhook (callback URL, verify token, fields) and the Page's
 *   subscription to the app;
 * - Instagram: the Page's (or, with Instagram Login, the account's) subscription to the app.
 *   Meta sets the app's Instagram callback URL only in the App Dashboard ("configuration via
 *   the App Subscriptions edge is not supported"), so the notice asks for that part.
 */

export type MetaChannel = 'Messenger' | 'Instagram';

const MESSENGER_FIELDS = ['messages', 'messaging_postbacks', 'message_reactions', 'message_deliveries', 'message_reads'];
const INSTAGRAM_FIELDS = ['messages', 'messaging_postbacks', 'message_reactions', 'messaging_seen'];

const MANUAL: Record<MetaChannel, string> = {
	Messenger: `In the Meta App Dashboard > Messenger > Settings (Webhooks), set the Callback URL to this node's Production URL and the Verify Token to the one in the credential, then subscribe the Page to: ${MESSENGER_FIELDS.join(', ')} (and message_echoes to see your own messages)`,
	Instagram: `In the Meta App Dashboard > Webhooks > Instagram, set the Callback URL to this node's Production URL and the Verify Token to the one in the credential, subscribe to: ${INSTAGRAM_FIELDS.join(', ')}; then subscribe the Instagram account (or its Page) to the app`,
};

const AUTOMATIC: Record<MetaChannel, string> = {
	Messenger:
		"With an App ID in the credential, activating the workflow points the app's Messenger webhook here and subscribes the Page to it (n8n must be reachable over HTTPS: set WEBHOOK_URL behind a proxy). Without one: " +
		MANUAL.Messenger,
	Instagram: `With an App ID in the credential, activating the workflow subscribes the Page (or, without a Page ID, the Instagram account) to the app. Meta lets only the App Dashboard set the app's Instagram callback: in the Meta App Dashboard > Webhooks > Instagram, set the Callback URL to this node's Production URL and the Verify Token to the one in the credential, and subscribe to: ${INSTAGRAM_FIELDS.join(', ')}`,
};

export function metaRegistrationProperties(channel: MetaChannel): INodeProperties[] {
	return [
		{
			displayName: 'Webhook Registration',
			name: 'webhookRegistration',
			type: 'options',
			options: [
				{
					name: 'Automatic (Needs App ID)',
					value: 'app',
					description: 'When the credential has an App ID, activating the workflow registers this node at Meta, and deactivating it undoes that',
				},
				{ name: 'Off', value: 'manual', description: 'Nothing is registered: set the webhook up in the Meta App Dashboard yourself' },
			],
			default: 'app',
			description: `How this node gets ${channel} to send it webhooks`,
		},
		{ displayName: AUTOMATIC[channel], name: 'appSetupNotice', type: 'notice', default: '', displayOptions: { show: { webhookRegistration: ['app'] } } },
		{ displayName: MANUAL[channel], name: 'setupNotice', type: 'notice', default: '', displayOptions: { show: { webhookRegistration: ['manual'] } } },
	];
}

function subscribedAppsStep(context: IHookFunctions, target: SubscribedAppsTarget, name: string): RegistrationStep {
	const client = n8nHttpClient(context, META_PAGE_CREDENTIAL);
	return {
		name,
		exists: async () => await subscribedToAll(client, target),
		register: async () => ({ ...(await registerSubscribedApp(client, target)) }),
		unregister: async (state) => await unregisterSubscribedApp(client, { ...target, nodeId: String(state.nodeId) }, state as unknown as SubscribedAppsState),
	};
}

function appCredential(context: IHookFunctions, credential: MetaPageCredential): void {
	if (!credential.appSecret) {
		throw new NodeOperationError(context.getNode(), 'The credential has an App ID but no App Secret', {
			description: 'Copy the App Secret from the Meta App Dashboard > App settings > Basic into the credential: it proves that webhooks come from Meta.',
		});
	}
}

export async function metaRegistrationSteps(context: IHookFunctions, channel: MetaChannel): Promise<RegistrationStep[]> {
	if (context.getNodeParameter('webhookRegistration', 'app') === 'manual') return [];
	const credential = readMetaPageCredential(await context.getCredentials(META_PAGE_CREDENTIAL));
	if (!credential.appId) return [];
	appCredential(context, credential);
	const node = context.getNode();
	const graph = { baseUrl: credential.baseUrl, version: credential.graphApiVersion };
	const hints = { token: 'the Page Access Token in the Omnichannel Meta Page credential', permission: 'pages_manage_metadata' };

	if (channel === 'Instagram') {
		const nodeId = credential.pageId || credential.igAccountId;
		if (!nodeId) {
			throw new NodeOperationError(node, 'The credential has neither a Page ID nor an Instagram Account ID', {
				description: 'Set the Page linked to the Instagram account, or (with Instagram Login) the Instagram Account ID, in the credential.',
			});
		}
		// With a Page, any Page field turns the Page's Instagram webhooks on; with Instagram Login, the account subscribes to the fields themselves.
		const fields = credential.pageId ? ['messages'] : INSTAGRAM_FIELDS;
		const label = credential.pageId ? 'Page subscription' : 'Instagram account subscription';
		const accountHints = credential.pageId ? hints : { token: 'the Instagram access token in the Omnichannel Meta Page credential', permission: 'instagram_business_manage_messages' };
		return [subscribedAppsStep(context, { ...graph, nodeId, appId: credential.appId, fields, hints: accountHints }, label)];
	}

	if (!credential.pageId) {
		throw new NodeOperationError(node, 'No Page ID in the credential', { description: 'Set the ID of the Facebook Page whose messages this node receives.' });
	}
	const options = context.getNodeParameter('options', {}) as { includeEchoes?: boolean };
	const fields = options.includeEchoes === true ? [...MESSENGER_FIELDS, 'message_echoes'] : MESSENGER_FIELDS;
	const url = webhookUrlOf(context);
	const verifyToken = metaVerifyToken(credential.verifyToken, credential.appSecret, node.webhookId);
	const app: AppSubscriptionTarget = { ...graph, appId: credential.appId, appSecret: credential.appSecret, object: 'page', fields };
	// The app token travels alone: the credential would replace it with the Page's.
	const appClient = n8nHttpClient(context);
	return [
		{
			name: 'app webhook subscription',
			exists: async () => await appDeliversTo(appClient, app, url),
			register: async () => {
				await subscribeApp(appClient, app, { callbackUrl: url, verifyToken, mayReplace: (other) => isThisNodesUrl(context, other) });
				return { callbackUrl: url };
			},
			unregister: async (state) => await unsubscribeApp(appClient, app, String(state.callbackUrl)),
		},
		subscribedAppsStep(context, { ...graph, nodeId: credential.pageId, appId: credential.appId, fields, hints }, 'Page subscription'),
	];
}
