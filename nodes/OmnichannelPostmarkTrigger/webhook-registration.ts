import type { IHookFunctions, INodeProperties } from 'n8n-workflow';
import { clearInboundHookUrl, currentInboundHookUrl, inboundHookUrl, setInboundHookUrl } from '../../core/channels/postmark/webhook-registration';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { webhookUrlOf, type RegistrationStep } from '../shared/webhook-registration';

export const POSTMARK_CREDENTIAL = 'omnichannelPostmarkInboundApi';

export const postmarkRegistrationProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Registration',
		name: 'webhookRegistration',
		type: 'options',
		options: [
			{
				name: "Set the Server's Inbound Webhook (Needs Server Token)",
				value: 'server',
				description: "When the credential has a Server API Token, activating the workflow sets the server's inbound webhook URL to this node (with the credential's user and password, and the URL Secret); deactivating clears it",
			},
			{ name: 'Off', value: 'manual', description: 'Nothing is registered: set the inbound webhook URL in Postmark yourself' },
		],
		default: 'server',
		description: 'How this node gets Postmark to send it inbound e-mails',
	},
	{
		displayName:
			"In Postmark (Servers → your server → Inbound stream → Settings), set the inbound webhook URL to this node's Production URL, with the credential's user and password in it (https://USER:PASSWORD@host/webhook/…) and, with a URL Secret, ?secret=THE-SECRET at the end.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['manual'] } },
	},
	{
		displayName:
			"With a Server API Token in the credential, activating the workflow sets the server's inbound webhook URL to this node, with the credential's user and password and the URL Secret in it; a server has one inbound URL, so this replaces the one it had. Without a token, set it in Postmark (Servers → your server → Inbound stream → Settings): this node's Production URL as https://USER:PASSWORD@host/webhook/…, plus ?secret=THE-SECRET with a URL Secret.",
		name: 'serverNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['server'] } },
	},
];

export async function postmarkRegistrationSteps(context: IHookFunctions): Promise<RegistrationStep[]> {
	if (context.getNodeParameter('webhookRegistration', 'server') !== 'server') return [];
	// Without the credential (it is optional on this trigger) or its token there is nothing to set the URL with.
	if (!context.getNode().credentials?.[POSTMARK_CREDENTIAL]) return [];
	const credential = await context.getCredentials(POSTMARK_CREDENTIAL);
	if (!String(credential.serverToken ?? '').trim()) return [];
	const baseUrl = String(credential.baseUrl ?? '');
	const url = inboundHookUrl(webhookUrlOf(context), {
		user: String(credential.user ?? ''),
		password: String(credential.password ?? ''),
		urlSecret: String(context.getNodeParameter('urlSecret', '')),
	});
	const client = n8nHttpClient(context, POSTMARK_CREDENTIAL);
	return [
		{
			name: 'inbound webhook',
			exists: async () => (await currentInboundHookUrl(client, baseUrl)) === url,
			register: async () => await setInboundHookUrl(client, baseUrl, url),
			unregister: async (state) => await clearInboundHookUrl(client, baseUrl, String(state.fingerprint)),
		},
	];
}
