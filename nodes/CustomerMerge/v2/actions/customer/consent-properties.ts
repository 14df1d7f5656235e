import type { INodePropertyOptions } from 'n8n-workflow';

/** What a consent is for, as a person picks it. */
export const CONSENT_PURPOSE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Marketing', value: 'marketing', description: 'Campaigns, offers, newsletters' },
	{ name: 'Transactional', value: 'transactional', description: 'Order updates, receipts, reminders, service messages' },
	{ name: 'All Messages', value: 'all', description: 'Everything on the channel (an SMS STOP blocks everything)' },
];

export const CONSENT_STATE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Subscribed', value: 'subscribed', description: 'The customer agreed to receive these messages' },
	{ name: 'Unsubscribed', value: 'unsubscribed', description: 'The customer asked not to receive these messages' },
];
