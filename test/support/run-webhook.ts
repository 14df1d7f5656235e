/**
 * `runWebhook`: sends a real HTTP request to a one-off local server and lets a
 * trigger node's `webhook()` answer it through n8n's `WebhookContext`.
 */
// First, so n8n-core sees the test environment (see n8n-env.ts).
import './n8n-env';

import { WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	type IDataObject,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import type { IncomingHttpHeaders } from 'node:http';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

import { createAdditionalData, INSTANCE_BASE_URL } from './harness-execution';
import type { RunWebhookOptions, WebhookRunResult } from './harness-types';
import { exchange, toWebhookRequest, toWebhookResponse } from './webhook-http';
import {
	buildSingleNodeWorkflow,
	buildWebhookData,
	findWebhookDescription,
	resolveWebhookField,
} from './webhook-workflow';

function decodeResponseBody(headers: IncomingHttpHeaders, body: Buffer): unknown {
	if (body.length === 0) return undefined;
	const text = body.toString('utf8');
	if (headers['content-type']?.includes('json')) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return text;
		}
	}
	return text;
}

/** How long to wait for a node that returned `noWebhookResponse` to finish its response. */
const NODE_RESPONSE_TIMEOUT_MS = 2000;

/**
 * Serves one HTTP request with a trigger node's `webhook()` method, the way
 * n8n does in production ("Respond: Immediately"): the node may answer itself
 * through `getResponseObject()` and return `noWebhookResponse`; otherwise n8n
 * answers 200 with `webhookResponse`, or `{ message: 'Workflow was started' }`
 * when the node returned `workflowData`, or `{ message: 'Webhook call received' }`
 * when it did not. A throwing node gets a 500 and `error` is set.
 */
export async function runWebhook(options: RunWebhookOptions): Promise<WebhookRunResult> {
	const setup = buildSingleNodeWorkflow(options);
	const { workflow, node, nodeType, mode } = setup;
	const { request } = options;
	const method = request.method.toUpperCase();
	const webhookDescription = findWebhookDescription(setup, options.webhookName ?? 'default', method);
	if (nodeType.webhook === undefined) {
		throw new Error(`Node type "${node.type}" has no webhook() method`);
	}
	const webhook = nodeType.webhook;

	const additionalData = createAdditionalData({
		credentialsHelper: setup.credentialsHelper,
		webhookBaseUrl: options.webhookBaseUrl,
	});
	const webhookData = buildWebhookData(setup, webhookDescription, additionalData);
	const isFullPath = resolveWebhookField(setup, webhookDescription.isFullPath, false);
	const webhookPath = NodeHelpers.getNodeWebhookPath(workflow.id, node, webhookData.path, isFullPath);
	const defaultPath = `/webhook/${webhookPath}`;
	const url = new URL(request.path ?? defaultPath, INSTANCE_BASE_URL);
	for (const [key, value] of Object.entries(request.query ?? {})) {
		for (const entry of Array.isArray(value) ? value : [value]) url.searchParams.append(key, entry);
	}
	const rawBody =
		request.rawBody === undefined
			? Buffer.alloc(0)
			: Buffer.isBuffer(request.rawBody)
				? request.rawBody
				: Buffer.from(request.rawBody);

	let webhookResult: IWebhookResponseData | undefined;
	let error: Error | undefined;
	let unfinishedResponse = false;
	let webhookUrl: string | undefined;

	const received = await exchange(
		{ method, url: `${url.pathname}${url.search}`, headers: request.headers ?? {}, rawBody },
		async (incoming, outgoing) => {
			const req = await toWebhookRequest(incoming, request.params ?? {});
			const res = toWebhookResponse(outgoing);
			// n8n hands the Express request/response to the node through additionalData.
			additionalData.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
			additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
			const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
			webhookUrl = context.getNodeWebhookUrl(webhookDescription.name);
			try {
				webhookResult = await webhook.call(context);
			} catch (caught) {
				error = caught instanceof Error ? caught : new Error(String(caught));
				if (!res.headersSent) {
					res.status(500).json({
						code: 0,
						message: 'Workflow Webhook Error: Workflow could not be started!',
					});
				}
				return;
			}

			if (webhookResult.noWebhookResponse === true) {
				// The node answers itself; give an asynchronous answer a moment to finish.
				if (!res.writableEnded) {
					await Promise.race([once(res, 'finish'), delay(NODE_RESPONSE_TIMEOUT_MS)]);
				}
				if (!res.writableEnded) {
					unfinishedResponse = true;
					res.end();
				}
				return;
			}
			if (res.headersSent) return;

			const responseCode = Number(resolveWebhookField(setup, webhookDescription.responseCode as string, 200));
			const defaultMessage =
				webhookResult.workflowData === undefined ? 'Webhook call received' : 'Workflow was started';
			const body =
				webhookResult.webhookResponse !== undefined
					? (webhookResult.webhookResponse as unknown)
					: { message: defaultMessage };
			res.status(responseCode);
			if (typeof body === 'string' || Buffer.isBuffer(body)) res.send(body);
			else res.json(body);
		},
	);

	if (unfinishedResponse) {
		throw new Error(
			'webhook() returned noWebhookResponse but never finished the response (call res.end()/send())',
		);
	}

	return {
		statusCode: received.statusCode,
		headers: received.headers,
		responseBody: decodeResponseBody(received.headers, received.body),
		rawResponseBody: received.body,
		items: webhookResult?.workflowData,
		webhookResult,
		error,
		staticData: options.staticData ?? (workflow.staticData as IDataObject),
		webhookUrl,
	};
}
