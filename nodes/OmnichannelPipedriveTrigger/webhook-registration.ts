import { NodeOperationError, type IHookFunctions, type INodeProperties } from 'n8n-workflow';
import {
	createPipedriveWebhook,
	deletePipedriveWebhook,
	PIPEDRIVE_API_BASE_URL,
	webhookDeliversHere,
	type PipedriveWebhookTarget,
} from '../../core/crm/pipedrive/webhook-registration';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { webhookUrlOf, type RegistrationStep } from '../shared/webhook-registration';

/** n8n's own credentials, as its Pipedrive Trigger uses them: the API token, and the basic auth of incoming calls. */
export const PIPEDRIVE_API_CREDENTIAL = 'pipedriveApi';
export const BASIC_AUTH_CREDENTIAL = 'httpBasicAuth';

export const pipedriveRegistrationProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Registration',
		name: 'webhookRegistration',
		type: 'options',
		options: [
			{
				name: 'Create the Webhook (Needs API Token)',
				value: 'api',
				description: 'Activating the workflow creates a Pipedrive webhook for persons that calls this node with the Basic Auth user and password; deactivating deletes it',
			},
			{ name: 'Off', value: 'manual', description: 'Nothing is registered: create the webhook in Pipedrive yourself' },
		],
		default: 'api',
		description: 'How this node gets Pipedrive to send it webhooks',
	},
	{
		displayName:
			'In Pipedrive (Settings > Tools and apps > Webhooks > Create new webhook): Event action "*" (or change and delete), Event object "person", Endpoint URL the Production URL above, HTTP Auth the user and password of the Basic Auth credential, Version 2.0. Calls without that user and password are refused.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['manual'] } },
	},
	{
		displayName:
			'Activating the workflow creates a Pipedrive webhook (every action on persons, version 2.0) to the Production URL above, with the Basic Auth user and password; deactivating deletes it. Use an admin\'s API token: Pipedrive only sends what that user may see.',
		name: 'apiNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['api'] } },
	},
	{
		displayName: 'Pipedrive API Base URL',
		name: 'apiBaseUrl',
		type: 'string',
		default: PIPEDRIVE_API_BASE_URL,
		description: 'Where the webhook is created; change it only for a proxy in front of Pipedrive',
		displayOptions: { show: { webhookRegistration: ['api'] } },
	},
];

export async function pipedriveRegistrationSteps(context: IHookFunctions): Promise<RegistrationStep[]> {
	if (context.getNodeParameter('webhookRegistration', 'api') !== 'api') return [];
	if (!context.getNode().credentials?.[PIPEDRIVE_API_CREDENTIAL]) {
		throw new NodeOperationError(context.getNode(), 'No Pipedrive API token to create the webhook with', {
			description: 'Add a Pipedrive API credential to the trigger (an admin\'s API token), or set Webhook Registration to Off and create the webhook in Pipedrive yourself.',
		});
	}
	const auth = await context.getCredentials(BASIC_AUTH_CREDENTIAL);
	const target: PipedriveWebhookTarget = {
		baseUrl: String(context.getNodeParameter('apiBaseUrl', PIPEDRIVE_API_BASE_URL) || PIPEDRIVE_API_BASE_URL),
		url: webhookUrlOf(context),
		user: String(auth.user ?? ''),
		password: String(auth.password ?? ''),
	};
	const client = n8nHttpClient(context, PIPEDRIVE_API_CREDENTIAL);
	return [
		{
			name: 'webhook',
			exists: async (state) => await webhookDeliversHere(client, target, state?.id as string | undefined),
			register: async (previous) => {
				// One this node made for another URL goes, rather than sending every change twice.
				if (previous?.id) await deletePipedriveWebhook(client, target, String(previous.id), String(previous.url));
				return await createPipedriveWebhook(client, target);
			},
			unregister: async (state) => await deletePipedriveWebhook(client, target, String(state.id), String(state.url)),
		},
	];
}
