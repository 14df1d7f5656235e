import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { CanonicalEvent } from '../../core/model';
import { PayloadError } from '../../core/channels/shared/payload-error';
import type { InboundAdapter, ParseOptions } from '../../core/channels/types';
import { firstDeliveries } from './delivery-ledger';

export interface ChannelWebhookOptions {
	adapter: InboundAdapter;
	/** The secret the adapter verifies with; when undefined the request is not checked (providers that don't sign). */
	secret: string | undefined;
	parseOptions?: ParseOptions;
	/** What the provider expects as a successful answer, e.g. empty TwiML for Twilio. */
	acknowledge?: { contentType: string; body: string };
	/** The public URL the provider called, when it differs from n8n's own (a reverse proxy); default: the node's webhook URL. */
	url?: string;
}

/** Answers the provider directly (the trigger then returns `noWebhookResponse`). */
export function answerWebhook(context: IWebhookFunctions, status: number, body: string, contentType = 'text/plain'): void {
	const response = context.getResponseObject();
	response.status(status);
	response.setHeader('content-type', contentType);
	response.end(body);
}

/**
 * Receives one webhook the way every channel trigger does: checks the provider's signature
 * over the exact bytes received, turns the body into canonical events, drops the ones
 * already delivered (redeliveries), and starts one execution with an item per new event.
 * A request that fails the check is answered 401/403, logged without secrets, and starts
 * nothing; so does a body that is not the provider's. When the deliveries can't be checked
 * (the store is down) the provider gets a 503 and retries later: nothing is lost.
 */
export async function receiveChannelWebhook(context: IWebhookFunctions, options: ChannelWebhookOptions): Promise<IWebhookResponseData> {
	const { adapter } = options;
	const request = context.getRequestObject();
	// n8n reads the body of triggers after version 1 only for the content types it parses itself
	// (multipart forms it reads into fields, as it always did).
	if (!request.rawBody && !request.contentType?.startsWith('multipart/')) await request.readRawBody?.();
	const rawBody: Buffer = request.rawBody ?? Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? {}));
	const node = context.getNode().name;

	if (options.secret !== undefined) {
		const header = adapter.signatureHeader && context.getHeaderData()[adapter.signatureHeader];
		const signature = Array.isArray(header) ? header[0] : (header as string | undefined);
		const verdict = adapter.verify({ body: rawBody, signature, secret: options.secret, url: options.url ?? context.getNodeWebhookUrl('default') });
		if (!verdict.valid) {
			context.logger.warn(`${node}: refused a ${adapter.name} webhook: ${verdict.reason}`);
			answerWebhook(context, signature ? 403 : 401, signature ? 'Forbidden' : 'Unauthorized');
			return { noWebhookResponse: true };
		}
	}

	let events: CanonicalEvent[];
	try {
		events = adapter.parse(rawBody, options.parseOptions);
	} catch (error) {
		// A body the provider got wrong is a 400 with what was wrong; anything else is our fault:
		// a 500 without details, so the provider retries and nothing internal leaks.
		if (!(error instanceof PayloadError)) {
			context.logger.error(`${node}: failed to read a ${adapter.name} webhook: ${(error as Error).stack ?? error}`);
			answerWebhook(context, 500, 'Internal error; please retry');
			return { noWebhookResponse: true };
		}
		context.logger.warn(`${node}: could not read a ${adapter.name} webhook: ${error.message}`);
		answerWebhook(context, 400, error.message);
		return { noWebhookResponse: true };
	}

	let fresh: CanonicalEvent[];
	try {
		fresh = await firstDeliveries(context, events);
	} catch (error) {
		context.logger.error(`${node}: could not check ${adapter.name} deliveries for redeliveries: ${(error as Error).message}`);
		answerWebhook(context, 503, 'Could not record the delivery; please retry');
		return { noWebhookResponse: true };
	}
	const ack = options.acknowledge ?? { contentType: 'application/json', body: '{"received":true}' };
	answerWebhook(context, 200, ack.body, ack.contentType);
	if (!fresh.length) return { noWebhookResponse: true };
	return { noWebhookResponse: true, workflowData: [fresh.map((event) => ({ json: event as unknown as IDataObject }))] };
}
