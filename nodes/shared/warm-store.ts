import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LoggerProxy, type IHookFunctions, type INode, type Workflow } from 'n8n-workflow';
import { describeStore, openStore, parseStoreLocation, type StoreConfig } from '../../core';

type WebhookMethod = (this: IHookFunctions) => Promise<boolean>;

const CUSTOMER_MERGE = /(^|\.)customerMerge$/;

/**
 * The workflow's own copy of a node: n8n's hook context keeps the workflow it activates,
 * and with it the credentials of every node; undefined when this n8n does not expose it.
 */
function workflowNode(context: IHookFunctions, name: string): INode | undefined {
	const workflow = (context as unknown as { workflow?: Workflow }).workflow;
	return typeof workflow?.getNode === 'function' ? (workflow.getNode(name) ?? undefined) : undefined;
}

/**
 * Opens the customer store when a trigger goes live (n8n starting with the workflow
 * published, or the workflow being published or tested), so that the first webhook does not
 * wait for it: opening the embedded store the first time in a process takes seconds. Only
 * the store of Customer Merge nodes downstream of the trigger without a store credential
 * (OMNICHANNEL_STORE, or the embedded store in the n8n user folder) is known here; nodes with
 * their own credential open theirs on first use. In queue mode the executions, and so the
 * store, are on the workers: nothing is opened here. Never delays or fails the activation.
 */
export function warmCustomerStore(context: IHookFunctions): void {
	if ((process.env.EXECUTIONS_MODE ?? '').toLowerCase() === 'queue') return;
	try {
		const merges = context.getChildNodes(context.getNode().name).filter((child) => CUSTOMER_MERGE.test(child.type) && !child.disabled);
		if (merges.length === 0) return;
		const defaultStore = merges.filter((child) => {
			const node = workflowNode(context, child.name);
			return node !== undefined && !node.credentials?.omnichannelStoreApi;
		});
		if (defaultStore.length === 0) return;
		const config = parseStoreLocation();
		const started = Date.now();
		const names = defaultStore.map((child) => `"${child.name}"`).join(', ');
		openStore(config).then(
			() => context.logger.info(`${context.getNode().name}: customer store ready for ${names} in ${Date.now() - started} ms (${describeStore(config)})`),
			(error: Error) => context.logger.warn(`${context.getNode().name}: could not open the customer store ahead of the first webhook: ${error.message}`),
		);
	} catch (error) {
		context.logger.debug(`${context.getNode().name}: customer store not opened ahead: ${(error as Error).message}`);
	}
}

/** Wraps a trigger's own checkExists so that activating it also opens the store ahead. */
export function warmingCheckExists(checkExists: WebhookMethod): WebhookMethod {
	return async function (this: IHookFunctions) {
		warmCustomerStore(this);
		return await checkExists.call(this);
	};
}


/**
 * The store to open when n8n loads the package, or undefined. n8n 2 does not run the
 * activation hooks of webhook triggers when it restarts with workflows already published,
 * so warmCustomerStore does not cover "the first webhook after each start". n8n loads the
 * package's node classes as it starts; in the process that runs executions (n8n start in
 * regular mode, or a queue worker) the default store is opened then, if there is one
 * already: OMNICHANNEL_STORE, or an embedded store in the user folder that was used before.
 * Elsewhere (the webhook process, n8n's other commands, tests) nothing is opened.
 */
export function storeToOpenAtStartup(argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): StoreConfig | undefined {
	if (!/(^|[\\/])n8n(\.js)?$/.test(argv[1] ?? '')) return undefined;
	const command = argv[2] ?? 'start';
	const queue = (env.EXECUTIONS_MODE ?? '').toLowerCase() === 'queue';
	if (!(command === 'worker' || (command === 'start' && !queue))) return undefined;
	const config = parseStoreLocation(undefined, env);
	if (config.type === 'embedded' && (!config.folder || !existsSync(join(config.folder, 'PG_VERSION')))) return undefined;
	return config;
}

let openedAtStartup = false;

/** Opens the store storeToOpenAtStartup names, once per process, in the background. */
export function warmStoreAtStartup(): void {
	if (openedAtStartup) return;
	openedAtStartup = true;
	const config = storeToOpenAtStartup();
	if (!config) return;
	const started = Date.now();
	openStore(config).then(
		() => LoggerProxy.info(`Omnichannel: customer store ready in ${Date.now() - started} ms (${describeStore(config)})`),
		(error: Error) => LoggerProxy.warn(`Omnichannel: could not open the customer store at startup: ${error.message}`),
	);
}
