import type { INodeProperties } from 'n8n-workflow';
import { optionSubtitle } from '../../shared/subtitle';
import * as message from './message/Message.resource';

/** The node's parameters: one resource, messages, and its operations. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'hidden',
		noDataExpression: true,
		default: 'message',
	},
	...message.description,
];

/** "Decide", "Fallback Sweep": the operation as the person picked it. */
export const subtitle = optionSubtitle(message.description);

/** The three outputs, in the order the decisions fill them. */
export const OUTPUT_NAMES = ['Send Now', 'Later', 'Blocked'];
