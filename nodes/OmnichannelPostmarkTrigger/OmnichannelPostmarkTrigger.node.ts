import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import type { CanonicalEvent } from '../../core/model';
import { postmarkAttachments, type PostmarkAttachmentFile } from '../../core/channels/postmark/attachments';
import { postmarkInbound } from '../../core/channels/postmark/inbound';
import { answerWebhook } from '../shared/channel-webhook';
import { startWithAttachments } from '../shared/start-with-attachments';
import { checkUrlSecret } from './url-secret';
import { STORE_CREDENTIAL } from '../shared/store';
import { selfRegisteringWebhook } from '../shared/webhook-registration';
import { POSTMARK_CREDENTIAL as CREDENTIAL, postmarkRegistrationProperties, postmarkRegistrationSteps } from './webhook-registration';
import { TRIGGER_VERSION } from '../shared/trigger-version';


/**
 * Postmark inbound email as canonical events: the reply without quoted history, threading
 * headers in `thread`, attachments as binary data (attachment_0, attachment_1, …).
 */
export class OmnichannelPostmarkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Postmark Trigger',
		name: 'omnichannelPostmarkTrigger',
		icon: 'file:omnichannelPostmark.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		description: 'Starts the workflow when an email arrives at a Postmark inbound address',
		defaults: { name: 'Omnichannel Postmark Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: false }, { name: STORE_CREDENTIAL, displayName: 'Store for Redelivery Checks', required: false }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			...postmarkRegistrationProperties,
			{
				displayName:
					'Postmark does not sign its webhooks, so protect this one (recommended): choose a credential and put its user and password in the webhook URL set in Postmark (https://USER:PASSWORD@host/webhook/…), or set a URL Secret and add ?secret=THE-SECRET to that URL.',
				name: 'protectionNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'URL Secret',
				name: 'urlSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'When set, only requests whose URL ends in ?secret=THIS-VALUE are accepted (compared in constant time); the webhook URL in Postmark must then include it',
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
						description: 'Whether to add Postmark’s original payload to each event as "raw" (large: it holds the attachments in base64)',
					},
				],
			},
		],
	};

	webhookMethods = selfRegisteringWebhook('Postmark', postmarkRegistrationSteps);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (!checkUrlSecret(this, String(this.getNodeParameter('urlSecret', '')), 'postmark')) return { noWebhookResponse: true };
		const request = this.getRequestObject();
		const rawBody: Buffer = request.rawBody ?? Buffer.from(JSON.stringify(request.body ?? {}));
		const node = this.getNode().name;

		if (this.getNode().credentials?.[CREDENTIAL]) {
			const credential = await this.getCredentials(CREDENTIAL);
			const header = this.getHeaderData().authorization;
			const signature = Array.isArray(header) ? header[0] : header;
			const verdict = postmarkInbound.verify({ body: rawBody, signature, secret: `${String(credential.user ?? '')}:${String(credential.password ?? '')}` });
			if (!verdict.valid) {
				this.logger.warn(`${node}: refused a postmark webhook: ${verdict.reason}`);
				answerWebhook(this, signature ? 403 : 401, signature ? 'Forbidden' : 'Unauthorized');
				return { noWebhookResponse: true };
			}
		}

		const options = this.getNodeParameter('options', {}) as IDataObject;
		let events: CanonicalEvent[];
		let files: PostmarkAttachmentFile[];
		try {
			events = postmarkInbound.parse(rawBody, { includeRaw: options.includeRaw === true });
			files = postmarkAttachments(rawBody);
		} catch (error) {
			this.logger.warn(`${node}: could not read a postmark webhook: ${(error as Error).message}`);
			answerWebhook(this, 400, (error as Error).message);
			return { noWebhookResponse: true };
		}

		// A redelivery (Postmark retries on errors) starts nothing; see startWithAttachments.
		return await startWithAttachments(this, 'postmark', events[0], files, (file) => this.helpers.prepareBinaryData(file.content, file.filename, file.mimeType));
	}
}
