/**
 * `runListSearch`: calls `methods.listSearch.<name>` of a node with n8n's
 * LoadOptionsContext, as the editor does when a resource locator's list opens,
 * is filtered, or scrolls to its next page.
 */
// First, so n8n-core sees the test environment (see n8n-env.ts).
import './n8n-env';

import { LoadOptionsContext } from 'n8n-core';
import type { INodeListSearchResult } from 'n8n-workflow';

import { createAdditionalData } from './harness-execution';
import type { SingleNodeOptions } from './harness-types';
import { buildSingleNodeWorkflow } from './webhook-workflow';

export interface RunListSearchOptions extends SingleNodeOptions {
	method: string;
	/** The parameter whose list is open, e.g. "templateName" or "options.phoneNumberId". */
	parameter?: string;
	filter?: string;
	paginationToken?: string;
}

export async function runListSearch(options: RunListSearchOptions): Promise<INodeListSearchResult> {
	const setup = buildSingleNodeWorkflow({ ...options, mode: options.mode ?? 'manual' });
	const search = setup.nodeType.methods?.listSearch?.[options.method];
	if (search === undefined) throw new Error(`Node type "${setup.node.type}" has no methods.listSearch.${options.method}`);
	const additionalData = createAdditionalData({ credentialsHelper: setup.credentialsHelper });
	additionalData.currentNodeParameters = setup.node.parameters;
	const context = new LoadOptionsContext(setup.workflow, setup.node, additionalData, `parameters.${options.parameter ?? options.method}`);
	return await search.call(context, options.filter, options.paginationToken);
}
