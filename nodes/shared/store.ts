import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';
import { CustomerGraph, defaultStoreFolder, openStore, parseStoreLocation, protectionRules, type ProtectionRules, type StoreConfig } from '../../core';

export const STORE_CREDENTIAL = 'omnichannelStoreApi';

/** The store an "Omnichannel Store" credential points at. */
export function storeConfigFromCredential(credential: ICredentialDataDecryptedObject): StoreConfig {
	if (credential.storeType === 'postgres') {
		return {
			type: 'postgres',
			host: String(credential.host ?? 'localhost'),
			port: Number(credential.port ?? 5432),
			database: String(credential.database ?? ''),
			user: String(credential.user ?? ''),
			password: String(credential.password ?? ''),
			ssl: (credential.ssl as 'disable' | 'require' | 'verify') ?? 'disable',
			schema: String(credential.schema || 'omnichannel'),
		};
	}
	const folder = String(credential.folder ?? '').trim();
	return { type: 'embedded', folder: folder ? resolve(folder.replace(/^~(?=\/|$)/, homedir())) : defaultStoreFolder() };
}

/** The store a node's own Omnichannel Store credential points at, if it has one. */
export async function credentialStoreConfig(context: IExecuteFunctions | IWebhookFunctions | ILoadOptionsFunctions): Promise<StoreConfig | undefined> {
	if (!context.getNode().credentials?.[STORE_CREDENTIAL]) return undefined;
	return storeConfigFromCredential(await context.getCredentials(STORE_CREDENTIAL));
}

/** The customer graph for this node: its credential's store, or the default embedded store without one. */
export async function customerGraphFor(context: IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions, rules?: Partial<ProtectionRules>): Promise<CustomerGraph> {
	const config = (await credentialStoreConfig(context)) ?? parseStoreLocation();
	return new CustomerGraph(await openStore(config), protectionRules(rules));
}
