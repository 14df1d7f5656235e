import type { INodeProperties } from 'n8n-workflow';
import * as decide from './decide.operation';
import * as fallbackOnStatus from './fallbackOnStatus.operation';
import * as fallbackSweep from './fallbackSweep.operation';

export { decide, fallbackOnStatus, fallbackSweep };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Decide',
				value: 'decide',
				action: 'Decide when and where to send a message',
				description: 'Consent, caps and quiet hours checked, the best channel chosen and the message personalized: Send Now, Later or Blocked',
			},
			{
				name: 'Fall Back on Failed Status',
				value: 'fallbackOnStatus',
				action: 'Send a failed message on the next channel',
				description: 'A failed status from Customer Merge sends the message on to the next channel at once',
			},
			{
				name: 'Fallback Sweep',
				value: 'fallbackSweep',
				action: 'Send undelivered messages on the next channel',
				description: 'For a Schedule Trigger: messages with no delivery after some minutes go on to the next channel',
			},
		],
		default: 'decide',
	},
	...decide.description,
	...fallbackOnStatus.description,
	...fallbackSweep.description,
];
