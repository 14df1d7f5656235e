import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import type { CanonicalEvent } from '../../core/model';
import { mailgunMessageEvent } from '../../core/channels/mailgun/inbound';
import { ReplayCache, type SeenTokens } from '../../core/channels/mailgun/replay-cache';
import { verifyMailgunFields } from '../../core/channels/mailgun/signature';
import { answerWebhook } from '../shared/channel-webhook';
import { startWithAttachments } from '../shared/start-with-attachments';
import { readRoutePost, routeFileToBinary } from './route-post';
import { STORE_CREDENTIAL } from '../shared/store';
import { selfRegisteringWebhook } from '../shared/webhook-registration';
import { MAILGUN_CREDENTIAL as CREDENTIAL, mailgunRegistrationProperties, mailgunRegistrationSteps } from './webhook-registration';
import { TRIGGER_VERSION } from '../shared/trigger-version';


function refuse(context: IWebhookFunctions, status: 400 | 401 | 403, reason: string): IWebhookResponseData {
	context.logger.warn(`${context.getNode().name}: refused a mailgun webhook: ${reason}`);
	answerWebhook(context, status, status === 400 ? reason : status === 401 ? 'Unauthorized' : 'Forbidden');
	return { noWebhookResponse: true };
}

/**
 * Mailgun inbound routes (forward() to this URL) as canonical events. Every post is signed
 * (HMAC-SHA256 of timestamp + token with the HTTP webhook signing key); stale timestamps
 * and reused tokens are refused with 403. Attachments become binary data attachment_0, ….
 */
export class OmnichannelMailgunTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Mailgun Trigger',
		name: 'omnichannelMailgunTrigger',
		icon: 'file:omnichannelMailgun.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		description: 'Starts the workflow when a Mailgun route forwards an incoming email',
		defaults: { name: 'Omnichannel Mailgun Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }, { name: STORE_CREDENTIAL, displayName: 'Store for Redelivery Checks', required: false }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			...mailgunRegistrationProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Include Raw Payload',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description: 'Whether to add the form fields Mailgun posted to each event as "raw"',
					},
				],
			},
		],
	};

	webhookMethods = selfRegisteringWebhook('Mailgun', mailgunRegistrationSteps);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		let post;
		try {
			post = readRoutePost(this);
		} catch (error) {
			return refuse(this, 400, (error as Error).message);
		}
		const { fields, files } = post;

		const { signingKey } = await this.getCredentials(CREDENTIAL);
		const verdict = verifyMailgunFields(fields, String(signingKey ?? ''));
		if (!verdict.valid) return refuse(this, fields.signature ? 403 : 401, verdict.reason);

		const staticData = this.getWorkflowStaticData('node');
		const seenTokens = ((staticData.mailgunTokens as SeenTokens | undefined) ??= {});
		if (!new ReplayCache(seenTokens).remember(fields.token)) {
			return refuse(this, 403, 'Mailgun: this token was already used: a replayed request');
		}

		const options = this.getNodeParameter('options', {}) as IDataObject;
		let event: CanonicalEvent;
		try {
			event = mailgunMessageEvent(fields, files, { includeRaw: options.includeRaw === true });
		} catch (error) {
			return refuse(this, 400, (error as Error).message);
		}

		// A redelivery (Mailgun retries until it gets a 200) starts nothing; see startWithAttachments.
		return await startWithAttachments(this, 'mailgun', event, files, (file, index) => routeFileToBinary(this, file, index));
	}
}
