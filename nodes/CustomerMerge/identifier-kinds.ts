import type { INodePropertyOptions } from 'n8n-workflow';

/** The identifier kinds as an ops person picks them, with the format each expects. */
export const IDENTIFIER_KIND_OPTIONS: INodePropertyOptions[] = [
	{ name: 'E-Mail', value: 'email' },
	{ name: 'External ID', value: 'external', description: 'Your own customer ID, e.g. from your shop or app' },
	{ name: 'HubSpot Contact ID', value: 'hubspot' },
	{ name: 'Instagram User', value: 'instagram', description: 'Written as &lt;Instagram account ID&gt;:&lt;user ID&gt;' },
	{ name: 'Messenger User', value: 'messenger', description: 'Written as &lt;Page ID&gt;:&lt;PSID&gt;' },
	{ name: 'Phone', value: 'phone', description: 'Any format; national numbers use the default country' },
	{ name: 'Pipedrive Person ID', value: 'pipedrive' },
	{ name: 'RD Station Contact ID', value: 'rdstation' },
	{ name: 'Salesforce Contact ID', value: 'salesforce' },
	{ name: 'Telegram User ID', value: 'telegram' },
	{ name: 'Web Chat Visitor ID', value: 'webchat' },
	{ name: 'WhatsApp BSUID', value: 'whatsapp_bsuid', description: 'The business-scoped user ID WhatsApp sends when the phone is hidden' },
	{ name: 'WhatsApp ID', value: 'whatsapp', description: 'The number as WhatsApp writes it: country code and digits, no +' },
];
