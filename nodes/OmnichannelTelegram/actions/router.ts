import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeActions } from '../../shared/action-router';
import { sendRecordingBlocks } from '../blocked-consent';
import { telegramConnector } from '../transport';
import * as message from './message/Message.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeActions(this, { message: message.operations }, telegramConnector, sendRecordingBlocks);
}
