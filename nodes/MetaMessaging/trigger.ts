import type { INodeProperties, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { InboundAdapter } from '../../core/channels/types';
import { answerMetaHandshake } from '../shared/meta-handshake';
import { receiveChannelWebhook } from '../shared/channel-webhook';
import { metaVerifyToken } from '../../core/channels/meta/verify-token';
import { META_PAGE_CREDENTIAL, readMetaPageCredential } from './credential';
import { metaRegistrationProperties, type MetaChannel } from './webhook-registration';

/**
 * What the Messenger and Instagram triggers share: Meta's GET verification handshake on the
 * "setup" webhook, and the signed POST of events through the shared channel receiver.
 */

/** Both on the same path: Meta calls one Callback URL with GET (setup) and POST (events). */
export const META_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
];

export function metaTriggerProperties(label: MetaChannel): INodeProperties[] {
	return [
		...metaRegistrationProperties(label),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Include Our Own Messages',
					name: 'includeEchoes',
					type: 'boolean',
					default: false,
					description: `Whether to also output the messages your ${label === 'Instagram' ? 'account' : 'Page'} sent (echoes), as outbound events; they are skipped by default`,
				},
				{
					displayName: 'Include Raw Payload',
					name: 'includeRaw',
					type: 'boolean',
					default: false,
					description: `Whether to add the event exactly as ${label} sent it, in a "raw" field`,
				},
			],
		},
	];
}

/** Serves one request to a Messenger or Instagram trigger. */
export async function receiveMetaWebhook(context: IWebhookFunctions, adapter: InboundAdapter): Promise<IWebhookResponseData> {
	const credential = readMetaPageCredential(await context.getCredentials(META_PAGE_CREDENTIAL));
	if (context.getWebhookName() === 'setup') {
		return answerMetaHandshake(context, metaVerifyToken(credential.verifyToken, credential.appSecret, context.getNode().webhookId), adapter.name);
	}
	const options = context.getNodeParameter('options', {}) as { includeRaw?: boolean; includeEchoes?: boolean };
	return await receiveChannelWebhook(context, {
		adapter,
		secret: credential.appSecret,
		parseOptions: { includeRaw: options.includeRaw === true, includeEchoes: options.includeEchoes === true },
	});
}
