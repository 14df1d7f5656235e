import type { IHookFunctions, INodeProperties } from 'n8n-workflow';
import {
	EVOLUTION_WEBHOOK_EVENTS,
	evolutionWebhookPointsAt,
	registerEvolutionWebhook,
	unregisterEvolutionWebhook,
	type EvolutionWebhookTarget,
} from '../../core/channels/evolution/webhook-registration';
import { EVOLUTION_CREDENTIAL } from '../OmnichannelEvolution/credential';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { webhookUrlOf, type RegistrationStep } from '../shared/webhook-registration';

const EVENTS = EVOLUTION_WEBHOOK_EVENTS.join(', ');

export const evolutionRegistrationProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Registration',
		name: 'webhookRegistration',
		type: 'options',
		options: [
			{
				name: "Set the Instance's Webhook",
				value: 'instance',
				description:
					"Activating the workflow points the credential's instance at this node (replacing the webhook it had); deactivating turns that webhook off",
			},
			{ name: 'Off', value: 'manual', description: 'Nothing is registered: set the webhook in the Evolution manager yourself' },
		],
		default: 'manual',
		description: 'How this node gets Evolution API to send it webhooks',
	},
	{
		displayName: `In the Evolution manager, set this node's Production URL as the instance's webhook (Webhook by Events off) with the events ${EVENTS}. Protect it with a Webhook JWT Key (jwt_key) or a custom header in the credential, and add the same in the webhook's headers; without either, anyone who knows the URL can send to it, so keep it secret.`,
		name: 'notice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['manual'] } },
	},
	{
		displayName: `Activating the workflow sets the instance's webhook to this node's Production URL with the events ${EVENTS}, and the credential's Webhook JWT Key or custom header as its headers (set one: without either, anyone who knows the URL can send to it). An instance has one webhook: use it in one active workflow.`,
		name: 'instanceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['instance'] } },
	},
];

/** What Evolution must send with every webhook for the trigger's check to pass: the credential's proof. */
function proofHeaders(credential: Record<string, unknown>): Record<string, string> {
	const jwtKey = String(credential.webhookJwtKey ?? '').trim();
	const name = String(credential.webhookHeaderName ?? '').trim();
	const value = String(credential.webhookHeaderValue ?? '');
	return {
		// Evolution signs a Bearer JWT with the jwt_key header and sends the rest as they are.
		...(jwtKey ? { jwt_key: jwtKey } : {}),
		...(name && value ? { [name]: value } : {}),
	};
}

export async function evolutionRegistrationSteps(context: IHookFunctions): Promise<RegistrationStep[]> {
	if (context.getNodeParameter('webhookRegistration', 'manual') !== 'instance') return [];
	const credential = await context.getCredentials(EVOLUTION_CREDENTIAL);
	const target: EvolutionWebhookTarget = { baseUrl: String(credential.baseUrl ?? ''), instance: String(credential.instanceName ?? ''), headers: proofHeaders(credential) };
	const client = n8nHttpClient(context, EVOLUTION_CREDENTIAL);
	const url = webhookUrlOf(context);
	return [
		{
			name: 'instance webhook',
			exists: async () => await evolutionWebhookPointsAt(client, target, url),
			register: async () => ({ ...(await registerEvolutionWebhook(client, target, url)), instance: target.instance }),
			unregister: async (state) => await unregisterEvolutionWebhook(client, { ...target, instance: String(state.instance ?? target.instance) }, String(state.url)),
		},
	];
}
