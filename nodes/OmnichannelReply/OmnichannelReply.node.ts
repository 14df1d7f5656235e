import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';
import { OmnichannelReplyV1 } from './v1/OmnichannelReplyV1.node';
import { OmnichannelReplyV2 } from './v2/OmnichannelReplyV2.node';

/** Answers each incoming event on the channel, account and thread it came from: one flow for every channel. */
export class OmnichannelReply extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Omnichannel Reply',
			name: 'omnichannelReply',
			icon: 'file:omnichannelReply.svg',
			group: ['output'],
			description: 'Answer each customer message on the channel it came from: WhatsApp, Messenger, Instagram, Telegram, SMS or e-mail',
			defaultVersion: 2,
		};
		super({ 1: new OmnichannelReplyV1(baseDescription), 2: new OmnichannelReplyV2(baseDescription) }, baseDescription);
	}
}
