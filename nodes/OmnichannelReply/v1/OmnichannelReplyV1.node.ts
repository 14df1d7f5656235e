import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeBaseDescription, type INodeTypeDescription } from 'n8n-workflow';
import { replyCredentials } from '../channels';
import { replyContentProperties, replyToEachItem } from '../reply-items';

/** Version 1: every channel's credential on the node at once, each labelled with its channels; the ones selected decide. */
export class OmnichannelReplyV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 1,
			subtitle: 'On the channel it came from',
			defaults: { name: 'Reply' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			usableAsTool: true,
			credentials: replyCredentials().map(({ name, displayName }) => ({ name, displayName, required: false })),
			properties: [
				{
					displayName: 'Select the credential of every channel this flow answers on; each message is answered with the one of its channel.',
					name: 'notice',
					type: 'notice',
					default: '',
				},
				...replyContentProperties,
			],
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await replyToEachItem(this, false);
	}
}
