import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { countCustomers, openStore } from '../../core';
import { storeConfigFromCredential } from '../shared/store';

/** The Omnichannel Store credential's test, which every version of the node offers: opens the store and counts its customers. */
export const credentialTest = {
	async omnichannelStoreTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		try {
			const db = await openStore(storeConfigFromCredential(credential.data ?? {}));
			return { status: 'OK', message: `Connected: ${await countCustomers(db)} customers` };
		} catch (error) {
			return { status: 'Error', message: (error as Error).message };
		}
	},
};
