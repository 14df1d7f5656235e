import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { EvolutionConnection } from '../../../../core/channels/evolution/definition';
import { sendEvolutionText } from '../../../../core/channels/evolution/outbound';
import { forOperation } from '../../../shared/for-operation';
import { options, recipient } from '../common.descriptions';
import { base, optionsOf, senderOf, text } from './item-parameters';

const messageText: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	required: true,
	typeOptions: { rows: 4 },
	default: '',
	description: 'The message. WhatsApp formatting works: *bold*, _italic_, ~strike~.',
};

export const description = forOperation('sendText', [...recipient, messageText, options(['disableLinkPreview'])]);

export async function execute(this: IExecuteFunctions, itemIndex: number, connection: EvolutionConnection) {
	return await sendEvolutionText(connection.http, senderOf(this, itemIndex, connection), {
		...base(this, itemIndex),
		text: text(this, 'text', itemIndex),
		...(optionsOf(this, itemIndex).disableLinkPreview === true ? { linkPreview: false } : {}),
	});
}
