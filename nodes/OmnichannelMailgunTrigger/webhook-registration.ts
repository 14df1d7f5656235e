import { NodeOperationError, type IHookFunctions, type INodeProperties } from 'n8n-workflow';
import { createRoute, deleteRoute, MAILGUN_API_BASE_URLS, routeExpression, routeForwardsHere, type MailgunRouteTarget } from '../../core/channels/mailgun/webhook-registration';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { webhookUrlOf, type RegistrationStep } from '../shared/webhook-registration';

export const MAILGUN_CREDENTIAL = 'omnichannelMailgunWebhookApi';

export const mailgunRegistrationProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Registration',
		name: 'webhookRegistration',
		type: 'options',
		options: [
			{
				name: 'Create a Route (Needs API Key)',
				value: 'route',
				description: 'When the credential has an API key, activating the workflow creates a route that forwards the e-mails below here; deactivating deletes it',
			},
			{ name: 'Off', value: 'manual', description: 'Nothing is registered: create the route in Mailgun yourself' },
		],
		default: 'route',
		description: 'How this node gets Mailgun to forward it e-mails',
	},
	{
		displayName: 'Receive Emails To',
		name: 'routeRecipient',
		type: 'string',
		default: '',
		placeholder: 'support@mg.acme.example',
		description:
			'The address whose e-mails the route forwards here, or a pattern such as .*@mg.acme.example (it becomes match_recipient("…")). A whole Mailgun filter, such as match_header("subject", ".*ticket.*") or catch_all(), is used as written.',
		displayOptions: { show: { webhookRegistration: ['route'] } },
	},
	{
		displayName:
			'In Mailgun (Send → Receiving → Create route), set the filter to your address (match_recipient("support@mg.acme.example")), the action to forward("<this node\'s Production URL>"), and Stop after forwarding. Each post is checked against the signing key; posts older than 5 minutes or with a reused token are refused.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['manual'] } },
	},
	{
		displayName:
			'With an API key in the credential, activating the workflow creates a route (priority 0) that forwards the e-mails above to this node and stops; deactivating deletes it. Without one, create it in Mailgun (Send → Receiving → Create route) with the action forward("<this node\'s Production URL>"). Each post is checked against the signing key.',
		name: 'routeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['route'] } },
	},
];

export async function mailgunRegistrationSteps(context: IHookFunctions): Promise<RegistrationStep[]> {
	if (context.getNodeParameter('webhookRegistration', 'route') !== 'route') return [];
	const credential = await context.getCredentials(MAILGUN_CREDENTIAL);
	// Nothing to create the route with: the notice says how to create it by hand.
	if (!String(credential.apiKey ?? '').trim()) return [];
	const recipient = (context.getNodeParameter('routeRecipient', '') as string).trim();
	if (!recipient) {
		throw new NodeOperationError(context.getNode(), 'Receive Emails To is empty', {
			description: 'Set the address whose e-mails the route forwards here (e.g. support@mg.acme.example), or set Webhook Registration to Off and create the route yourself.',
		});
	}
	const region = credential.region === 'eu' ? 'eu' : 'us';
	const node = context.getNode();
	const target: MailgunRouteTarget = {
		baseUrl: String(credential.baseUrl ?? '').trim() || MAILGUN_API_BASE_URLS[region],
		expression: routeExpression(recipient),
		description: `n8n: ${node.name} (${node.webhookId ?? 'webhook'})`,
	};
	const client = n8nHttpClient(context, MAILGUN_CREDENTIAL);
	const url = webhookUrlOf(context);
	return [
		{
			name: 'route',
			exists: async (state) => await routeForwardsHere(client, target, url, state?.id as string | undefined),
			register: async (previous) => {
				// A route this node made for another address (Receive Emails To changed) goes, rather than forwarding twice.
				if (previous?.id) await deleteRoute(client, target, String(previous.id), String(previous.url));
				return await createRoute(client, target, url);
			},
			unregister: async (state) => await deleteRoute(client, target, String(state.id), String(state.url)),
		},
	];
}
