import { NodeOperationError, type IHookFunctions, type INodeProperties } from 'n8n-workflow';
import { appDeliversTo, subscribeApp, unsubscribeApp, type AppSubscriptionTarget } from '../../core/channels/meta/app-subscriptions';
import { type GraphTarget } from '../../core/channels/meta/graph-url';
import { metaVerifyToken } from '../../core/channels/meta/verify-token';
import {
	appSubscribedToWaba,
	registerAppOnWaba,
	removeWabaOverride,
	setWabaOverride,
	unregisterAppFromWaba,
	wabaOverridePointsAt,
	type WabaTarget,
} from '../../core/channels/whatsapp/webhook-registration';
import { readWhatsAppCredential, WHATSAPP_CLOUD_CREDENTIAL } from '../OmnichannelWhatsApp/credential';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { isThisNodesUrl, webhookUrlOf, type RegistrationStep } from '../shared/webhook-registration';

type Registration = 'app' | 'waba' | 'manual';

export const whatsAppRegistrationProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Registration',
		name: 'webhookRegistration',
		type: 'options',
		options: [
			{
				name: "App's Callback URL (Needs App ID)",
				value: 'app',
				description:
					"When the credential has an App ID, activating the workflow points the app's WhatsApp webhook here (and subscribes the app to the WhatsApp Business Account, when its ID is set). Without an App ID nothing is registered.",
			},
			{
				name: 'This WhatsApp Business Account Only',
				value: 'waba',
				description:
					"Gives the credential's WhatsApp Business Account its own callback URL (an override) pointing here; the app's other accounts keep the app's URL. Needs the WhatsApp Business Account ID.",
			},
			{ name: 'Off', value: 'manual', description: 'Nothing is registered: set the webhook up in the Meta App Dashboard yourself' },
		],
		default: 'app',
		description: 'How this node gets WhatsApp to send it webhooks. Deactivating the workflow removes what activating set up.',
	},
	{
		displayName:
			'In the Meta App Dashboard > WhatsApp > Configuration, set the Callback URL to this node\'s Production URL and the Verify Token to the one in the credential, then subscribe to the "messages" field',
		name: 'setupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['manual'] } },
	},
	{
		displayName:
			'With an App ID in the credential, activating the workflow registers this node at Meta by itself (n8n must be reachable over HTTPS: set WEBHOOK_URL behind a proxy). Without one: in the Meta App Dashboard > WhatsApp > Configuration, set the Callback URL to this node\'s Production URL and the Verify Token to the one in the credential, then subscribe to the "messages" field.',
		name: 'appSetupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['app'] } },
	},
	{
		displayName:
			'Activating the workflow points the WhatsApp Business Account of the credential at this node, checked with the credential\'s Verify Token. The app must be subscribed to the "messages" field (Meta App Dashboard > WhatsApp > Configuration); template and account webhooks keep going to the app\'s callback URL.',
		name: 'wabaSetupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['waba'] } },
	},
];

/** The fields the trigger reads: messages carries customer messages and the statuses of ours. */
const FIELDS = ['messages'];

/** What activating the WhatsApp trigger registers at Meta, as its credential and "Webhook Registration" allow. */
export async function whatsAppRegistrationSteps(context: IHookFunctions): Promise<RegistrationStep[]> {
	const registration = context.getNodeParameter('webhookRegistration', 'app') as Registration;
	if (registration === 'manual') return [];
	const credential = readWhatsAppCredential(await context.getCredentials(WHATSAPP_CLOUD_CREDENTIAL));
	const node = context.getNode();
	const url = webhookUrlOf(context);
	const graph: GraphTarget = { baseUrl: credential.baseUrl, version: credential.apiVersion };
	const verifyToken = metaVerifyToken(credential.verifyToken, credential.appSecret, node.webhookId);
	const client = n8nHttpClient(context, WHATSAPP_CLOUD_CREDENTIAL);
	const waba = (wabaId: string): WabaTarget => ({ ...graph, wabaId });

	if (registration === 'waba') {
		if (!credential.businessAccountId) {
			throw new NodeOperationError(node, 'No WhatsApp Business Account ID in the credential', {
				description: 'Copy it from the Meta App Dashboard > WhatsApp > API Setup into the credential, or set Webhook Registration to another choice.',
			});
		}
		if (!verifyToken) {
			throw new NodeOperationError(node, 'The credential has neither a Verify Token nor an App Secret', {
				description: 'Meta checks the callback URL with a verify token: type one into the credential (any text), and the App Secret, which the trigger needs anyway.',
			});
		}
		return [
			{
				name: 'WhatsApp Business Account callback override',
				exists: async () => await wabaOverridePointsAt(client, waba(credential.businessAccountId), url),
				register: async () => await setWabaOverride(client, waba(credential.businessAccountId), url, verifyToken),
				unregister: async (state) => await removeWabaOverride(client, waba(String(state.wabaId)), String(state.callbackUrl)),
			},
		];
	}

	// Nothing to register with: the notice says what to set up by hand.
	if (!credential.appId) return [];
	if (!credential.appSecret) {
		throw new NodeOperationError(node, 'The credential has an App ID but no App Secret', {
			description: 'Copy the App Secret from the Meta App Dashboard > App settings > Basic into the credential: it signs the app token and proves that webhooks come from Meta.',
		});
	}
	const app: AppSubscriptionTarget = { ...graph, appId: credential.appId, appSecret: credential.appSecret, object: 'whatsapp_business_account', fields: FIELDS };
	// The app token travels alone: the credential would replace it with the system user's.
	const appClient = n8nHttpClient(context);
	const steps: RegistrationStep[] = [
		{
			name: 'app webhook subscription',
			exists: async () => await appDeliversTo(appClient, app, url),
			register: async () => {
				await subscribeApp(appClient, app, { callbackUrl: url, verifyToken, mayReplace: (other) => isThisNodesUrl(context, other) });
				return { callbackUrl: url };
			},
			unregister: async (state) => await unsubscribeApp(appClient, app, String(state.callbackUrl)),
		},
	];
	if (credential.businessAccountId) {
		steps.push({
			name: 'WhatsApp Business Account subscription',
			exists: async () => await appSubscribedToWaba(client, waba(credential.businessAccountId), credential.appId, url),
			register: async () => await registerAppOnWaba(client, waba(credential.businessAccountId), credential.appId),
			unregister: async (state) => await unregisterAppFromWaba(client, waba(String(state.wabaId)), credential.appId),
		});
	}
	return steps;
}
