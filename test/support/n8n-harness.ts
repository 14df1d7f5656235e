/**
 * Runs nodes through n8n-core's real execution engine inside jest.
 *
 * - `runWorkflow` (run-workflow.ts): builds a `Workflow` and executes it with
 *   `WorkflowExecute` (credentials, expressions, continueOnFail, pairedItem,
 *   binary data... all handled by n8n itself).
 * - `runWebhook` (run-webhook.ts): sends a real HTTP request to a one-off local
 *   server and lets a trigger node's `webhook()` answer it through n8n's
 *   `WebhookContext`.
 * - `runWebhookLifecycle` (run-webhook-lifecycle.ts): calls
 *   `webhookMethods.<name>.checkExists|create|delete` with n8n's `HookContext`,
 *   as n8n does when a workflow is (de)activated.
 * - `runListSearch` (run-list-search.ts): calls `methods.listSearch.<name>` with
 *   n8n's `LoadOptionsContext`, as the editor does for a resource locator's list.
 *
 * Tests import everything from this file. `./n8n-env` must stay its first
 * import (and the first import of every harness module that loads n8n-core or
 * its DI container), so the environment is set before n8n builds any config.
 */
import './n8n-env';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

export { HarnessCredentialsHelper } from './credentials-helper';
export type { WebhookHttpRequest, WebhookHttpResponse } from './webhook-http';
export type {
	HarnessBinaryInput,
	HarnessInputItem,
	HarnessNode,
	NodeTypeMap,
	RunWebhookLifecycleOptions,
	RunWebhookOptions,
	RunWorkflowOptions,
	SingleNodeOptions,
	WebhookLifecycleResult,
	WebhookRunResult,
	WebhookTestRequest,
	WorkflowRunResult,
} from './harness-types';
export { chain, runWorkflow, START_NODE_NAME } from './run-workflow';
export { runWebhook } from './run-webhook';
export { runWebhookLifecycle } from './run-webhook-lifecycle';
export { runListSearch, type RunListSearchOptions } from './run-list-search';

/** The Logger n8n hands to nodes as `this.logger` (spy on it to assert logging). */
export function getLogger(): Logger {
	return Container.get(Logger);
}

/** Reads binary data the way nodes do (`helpers.getBinaryDataBuffer`). */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
