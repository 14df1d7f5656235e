import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { TwilioConnection } from '../../../../core/channels/twilio/definition';
import { getTwilioMessage } from '../../../../core/channels/twilio/outbound';
import { forOperation } from '../../../shared/for-operation';
import { options } from '../common.descriptions';

const messageSid: INodeProperties = {
	displayName: 'Message SID',
	name: 'messageSid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'SMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
	description: 'The message to look up; the "externalId" of an Omnichannel Twilio send',
};

export const description = forOperation('get', [messageSid, options(false)]);

/** The message and its delivery status, as a canonical event. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { http, config }: TwilioConnection) {
	const includeRaw = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).includeRaw === true;
	return await getTwilioMessage(http, config, this.getNodeParameter('messageSid', itemIndex) as string, includeRaw);
}
