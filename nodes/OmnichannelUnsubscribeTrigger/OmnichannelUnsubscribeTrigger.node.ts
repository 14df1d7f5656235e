import { NodeConnectionTypes, type IDataObject, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { CustomerOperationError } from '../../core';
import { ONE_CLICK_BODY, readUnsubscribeToken } from '../../core/consent/unsubscribe-link';
import { answerWebhook } from '../shared/channel-webhook';
import { customerGraphFor, STORE_CREDENTIAL } from '../shared/store';
import { TRIGGER_VERSION } from '../shared/trigger-version';
import { unsubscribeSecret } from '../shared/unsubscribe-secret';
import { confirmationPage, invalidLinkPage, unsubscribedPage } from './pages';

const HTML = 'text/html; charset=utf-8';

/** Whether the request carries RFC 8058's one-click body, however n8n parsed it. */
function isOneClick(context: IWebhookFunctions): boolean {
	const request = context.getRequestObject();
	const body = request.body as unknown;
	if (body && typeof body === 'object' && (body as IDataObject)['List-Unsubscribe'] === 'One-Click') return true;
	const raw = request.rawBody?.toString('utf8') ?? (typeof body === 'string' ? body : '');
	return new URLSearchParams(raw.trim()).get('List-Unsubscribe') === 'One-Click';
}

/**
 * The other end of the Omnichannel Email node's one-click unsubscribe links (RFC 8058): a mail
 * program's POST, or the button of the page a GET shows, unsubscribes the customer of the
 * link's signed token from e-mail marketing in the store, and starts the workflow with one item.
 */
export class OmnichannelUnsubscribeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Unsubscribe Trigger',
		name: 'omnichannelUnsubscribeTrigger',
		icon: 'file:omnichannelUnsubscribe.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		description: 'Unsubscribes a customer from e-mail marketing when they use the one-click unsubscribe link of an Omnichannel Email',
		defaults: { name: 'Omnichannel Unsubscribe Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STORE_CREDENTIAL, required: false }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'unsubscribe' },
			// As n8n's Form Trigger: 'setup' is the GET that shows the page, 'default' the POST that acts.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'unsubscribe' },
		],
		properties: [
			{
				displayName:
					'Put this trigger’s Production URL in the Unsubscribe URL option of the Omnichannel Email node, with the same Omnichannel Store credential (its Unsubscribe Link Secret signs the links) or the same Unsubscribe Link Secret below.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Unsubscribe Link Secret',
				name: 'unsubscribeSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Checks the links; the same as the Omnichannel Email node’s. Empty: the secret of the Omnichannel Store credential.',
			},
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const node = this.getNode().name;
		const request = this.getRequestObject();
		const token = String(request.query?.token ?? '');
		let target: ReturnType<typeof readUnsubscribeToken>;
		try {
			target = token ? readUnsubscribeToken(await unsubscribeSecret(this, this.getNodeParameter('unsubscribeSecret', '')), token) : undefined;
		} catch (error) {
			// No secret, or one too short: the setup is wrong, not the link.
			this.logger.error(`${node}: cannot check unsubscribe links: ${(error as Error).message}`);
			answerWebhook(this, 500, 'Unsubscribe links are not set up on this server; please try again later');
			return { noWebhookResponse: true };
		}
		if (!target) {
			this.logger.warn(`${node}: refused an unsubscribe request: ${token ? 'the token’s signature does not hold' : 'no token'}`);
			answerWebhook(this, token ? 403 : 400, invalidLinkPage(), HTML);
			return { noWebhookResponse: true };
		}
		if (this.getWebhookName() === 'setup') {
			answerWebhook(this, 200, confirmationPage(token), HTML);
			return { noWebhookResponse: true };
		}
		if (!isOneClick(this)) {
			answerWebhook(this, 400, `A one-click unsubscribe is a POST with the body ${ONE_CLICK_BODY}`);
			return { noWebhookResponse: true };
		}

		const userAgent = String(this.getHeaderData()['user-agent'] ?? '').slice(0, 200);
		const change = {
			channel: 'email' as const,
			purpose: target.purpose,
			state: 'unsubscribed' as const,
			source: 'unsubscribe-link' as const,
			evidence: `One-click unsubscribe link (POST ${ONE_CLICK_BODY})${userAgent ? ` from "${userAgent}"` : ''}`,
			changedAt: new Date().toISOString(),
		};
		let customerId: string;
		try {
			({ customerId } = await (await customerGraphFor(this)).changeConsent(target.customerId, change));
		} catch (error) {
			if (error instanceof CustomerOperationError) {
				// Forgotten since the e-mail was sent: there is no one left to write to.
				this.logger.warn(`${node}: nothing to unsubscribe: ${error.message}`);
				answerWebhook(this, 200, unsubscribedPage(), HTML);
				return { noWebhookResponse: true };
			}
			this.logger.error(`${node}: could not record an unsubscribe: ${(error as Error).message}`);
			answerWebhook(this, 503, 'Could not record the unsubscribe; please retry');
			return { noWebhookResponse: true };
		}
		answerWebhook(this, 200, unsubscribedPage(), HTML);
		return { noWebhookResponse: true, workflowData: [[{ json: { customerId, ...change } }]] };
	}
}
