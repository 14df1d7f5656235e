import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { credentialTest } from '../CustomerMerge/store-credential-test';
import { replyCredentials } from '../OmnichannelReply/channels';
import { STORE_CREDENTIAL } from '../shared/store';
import { properties, subtitle } from './actions/node.description';
import { router } from './actions/router';
import { listSearch } from './methods';

/**
 * The node as the editor shows it. Besides the store, it takes the channel credentials of the
 * Reply node, which Record Agent Reply sends with (and the editor shows only for it).
 */
function nodeDescription(): INodeTypeDescription {
	// The channel credentials show only where they are used, as n8n's own nodes show a credential per operation.
	const channelCredentials = replyCredentials().map((credential) => ({ ...credential, displayOptions: { show: { operation: ['recordAgentReply'] } } }));
	const credentials = [{ name: STORE_CREDENTIAL, required: false, testedBy: 'omnichannelStoreTest' }, ...channelCredentials];
	return {
		displayName: 'Omnichannel Conversation',
		name: 'omnichannelConversation',
		icon: 'file:omnichannelConversation.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitle(),
		description: 'Keep one conversation per customer across channels: open it, assign it to an agent, reply, tag, snooze and resolve it',
		defaults: { name: 'Conversation' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials,
		properties,
	};
}

/** The customer's one conversation across channels, the agents who take it, and what they do with it. */
export class OmnichannelConversation implements INodeType {
	description: INodeTypeDescription = nodeDescription();

	methods = { credentialTest, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
