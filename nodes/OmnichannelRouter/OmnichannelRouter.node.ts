import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { credentialTest } from '../CustomerMerge/store-credential-test';
import { STORE_CREDENTIAL } from '../shared/store';
import { route } from './route-items';
import { routerProperties } from './router-properties';
import { OUTPUTS_EXPRESSION, SUBTITLE_EXPRESSION } from './router-outputs';

/** The visual router: one output per route, like a Switch, each conversation given a queue, a priority and maybe an agent. */
export class OmnichannelRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Router',
		name: 'omnichannelRouter',
		icon: 'file:omnichannelRouter.svg',
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE_EXPRESSION,
		description: 'Send each conversation to a queue and an agent by its channel, words, customer traits and business hours: one output per route',
		defaults: { name: 'Omnichannel Router' },
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [{ name: STORE_CREDENTIAL, required: false, testedBy: 'omnichannelStoreTest' }],
		properties: routerProperties,
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this);
	}
}
