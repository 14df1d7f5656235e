import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Where the customer graph is kept: the embedded store (default) or a PostgreSQL server shared by every n8n worker. */
export class OmnichannelStoreApi implements ICredentialType {
	name = 'omnichannelStoreApi';

	displayName = 'Omnichannel Store';

	icon = 'file:omnichannelStore.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-omnichannel';

	properties: INodeProperties[] = [
		{
			displayName: 'Store',
			name: 'storeType',
			type: 'options',
			options: [
				{ name: 'Embedded', value: 'embedded', description: 'Kept in a folder on the n8n machine; no server needed. For one n8n instance.' },
				{ name: 'PostgreSQL', value: 'postgres', description: 'A PostgreSQL server shared by every n8n worker. Needed in queue mode.' },
			],
			default: 'embedded',
		},
		{
			displayName: 'Folder',
			name: 'folder',
			type: 'string',
			default: '',
			placeholder: '~/.n8n/omnichannel',
			description: "Where the embedded store keeps its files. Leave empty to keep them beside n8n's own data.",
			displayOptions: { show: { storeType: ['embedded'] } },
		},
		{ displayName: 'Host', name: 'host', type: 'string', default: 'localhost', displayOptions: { show: { storeType: ['postgres'] } } },
		{ displayName: 'Port', name: 'port', type: 'number', default: 5432, displayOptions: { show: { storeType: ['postgres'] } } },
		{ displayName: 'Database', name: 'database', type: 'string', default: 'n8n', displayOptions: { show: { storeType: ['postgres'] } } },
		{ displayName: 'User', name: 'user', type: 'string', default: 'postgres', displayOptions: { show: { storeType: ['postgres'] } } },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { storeType: ['postgres'] } },
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			options: [
				{ name: 'Disable', value: 'disable' },
				{ name: 'Require', value: 'require', description: 'Encrypt the connection without checking the certificate' },
				{ name: 'Verify Certificate', value: 'verify', description: "Encrypt and check the server's certificate" },
			],
			default: 'disable',
			displayOptions: { show: { storeType: ['postgres'] } },
		},
		{
			displayName: 'Schema',
			name: 'schema',
			type: 'string',
			default: 'omnichannel',
			description: 'The PostgreSQL schema that holds the tables; created on first use, so they never mix with n8n\'s own',
			displayOptions: { show: { storeType: ['postgres'] } },
		},
		{
			displayName: 'Unsubscribe Link Secret',
			name: 'linkSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Signs the one-click unsubscribe links of the Omnichannel Email node, which the Omnichannel Unsubscribe Trigger checks: use the same credential on both. At least 16 random characters; changing it invalidates the links already sent.',
		},
	];
}
