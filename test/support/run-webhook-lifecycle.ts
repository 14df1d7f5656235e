/**
 * `runWebhookLifecycle`: calls `webhookMethods.<name>.checkExists|create|delete`
 * with n8n's `HookContext`, as n8n does when a workflow is (de)activated.
 */
// First, so n8n-core sees the test environment (see n8n-env.ts).
import './n8n-env';

import { HookContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { createAdditionalData } from './harness-execution';
import type { RunWebhookLifecycleOptions, WebhookLifecycleResult } from './harness-types';
import { buildSingleNodeWorkflow, buildWebhookData, findWebhookDescription } from './webhook-workflow';

/**
 * Calls `webhookMethods[webhookName][method]` of a trigger node with n8n's
 * HookContext, as n8n does on activation (`checkExists`, then `create`) and
 * deactivation (`delete`).
 */
export async function runWebhookLifecycle(
	options: RunWebhookLifecycleOptions,
): Promise<WebhookLifecycleResult> {
	const setup = buildSingleNodeWorkflow({ ...options, mode: options.mode ?? 'trigger' });
	const { workflow, node, nodeType, mode } = setup;
	const webhookName = options.webhookName ?? 'default';
	const lifecycleMethod = nodeType.webhookMethods?.[webhookName]?.[options.method];
	if (lifecycleMethod === undefined) {
		throw new Error(`Node type "${node.type}" has no webhookMethods.${webhookName}.${options.method}`);
	}
	const additionalData = createAdditionalData({
		credentialsHelper: setup.credentialsHelper,
		webhookBaseUrl: options.webhookBaseUrl,
	});
	const webhookData = buildWebhookData(
		setup,
		findWebhookDescription(setup, webhookName),
		additionalData,
	);
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		mode,
		options.activation ?? 'activate',
		webhookData,
	);
	const result = await lifecycleMethod.call(context);
	return {
		result,
		webhookUrl: context.getNodeWebhookUrl(webhookName),
		staticData: options.staticData ?? (workflow.staticData as IDataObject),
	};
}
