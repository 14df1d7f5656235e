import {
	NodeConnectionTypes,
	type IBinaryKeyData,
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
import { unseenEvents } from '../shared/channel-webhook';
import { readRoutePost, routeFileToBinary } from './route-post';

const CREDENTIAL = 'omnichannelMailgunWebhookApi';

function answer(context: IWebhookFunctions, status: number, body: string, contentType = 'text/plain'): void {
	const response = context.getResponseObject();
	response.status(status);
	response.setHeader('content-type', contentType);
	response.end(body);
}

function refuse(context: IWebhookFunctions, status: 400 | 401 | 403, reason: string): IWebhookResponseData {
	context.logger.warn(`${context.getNode().name}: refused a mailgun webhook: ${reason}`);
	answer(context, status, status === 400 ? reason : status === 401 ? 'Unauthorized' : 'Forbidden');
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
		version: 1,
		description: 'Starts the workflow when a Mailgun route forwards an incoming email',
		defaults: { name: 'Omnichannel Mailgun Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'In Mailgun, create a route (Receiving → Create route) whose action is forward() to this node’s production URL. Each post is checked against the signing key; posts older than 5 minutes or with a reused token are refused.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
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

		// A redelivery (Mailgun retries until it gets a 200) starts nothing.
		if (((staticData.seenEventIds as string[] | undefined) ?? []).includes(event.id)) {
			answer(this, 200, '{"received":true}', 'application/json');
			return { noWebhookResponse: true };
		}
		// Attachments are stored before answering: if that fails, Mailgun gets a 500 and retries.
		const binary: IBinaryKeyData = {};
		try {
			for (const [index, file] of files.entries()) binary[`attachment_${index}`] = await routeFileToBinary(this, file, index);
		} catch (error) {
			this.logger.error(`${this.getNode().name}: could not store the attachments of a mailgun email: ${(error as Error).message}`);
			answer(this, 500, 'Could not store the attachments; please retry');
			return { noWebhookResponse: true };
		}
		unseenEvents(staticData, [event]);
		answer(this, 200, '{"received":true}', 'application/json');
		return {
			noWebhookResponse: true,
			workflowData: [[{ json: event as unknown as IDataObject, ...(files.length ? { binary } : {}) }]],
		};
	}
}
