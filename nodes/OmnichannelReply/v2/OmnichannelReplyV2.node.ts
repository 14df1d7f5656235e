import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeBaseDescription, type INodeTypeDescription } from 'n8n-workflow';
import { channelsProperty, channelsSubtitle, replyCredentials } from '../channels';
import { replyContentProperties, replyToEachItem } from '../reply-items';

/** Version 2: the channels to answer on are picked first, and each shows only its own credential. */
export class OmnichannelReplyV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 2,
			subtitle: channelsSubtitle,
			defaults: { name: 'Reply' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			usableAsTool: true,
			credentials: replyCredentials(),
			properties: [channelsProperty, ...replyContentProperties],
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await replyToEachItem(this, true);
	}
}
