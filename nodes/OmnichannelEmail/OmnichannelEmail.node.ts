import {
	NodeConnectionTypes,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { SmtpSender } from '../../core/channels/smtp/outbound';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import { SMTP_CREDENTIAL, smtpConfigFromCredential } from './smtp-credential';
import { STORE_CREDENTIAL } from '../shared/store';
import { optionSubtitle } from '../shared/subtitle';

/** Sends email over SMTP; a reply stays in the customer's thread. Outputs the canonical outbound event. */
export class OmnichannelEmail implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Email',
		name: 'omnichannelEmail',
		icon: 'file:omnichannelEmail.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(message.description),
		description: 'Send email over SMTP, in the customer’s thread, and record it in their history',
		defaults: { name: 'Omnichannel Email' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: SMTP_CREDENTIAL, required: true, testedBy: 'omnichannelSmtpTest' }, { name: STORE_CREDENTIAL, displayName: 'Store for Unsubscribe Links', required: false }],
		properties: message.description,
	};

	methods = {
		credentialTest: {
			async omnichannelSmtpTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const sender = new SmtpSender({ ...smtpConfigFromCredential(credential.data ?? {}), timeoutMs: 15_000 });
				try {
					await sender.verify();
					return { status: 'OK', message: 'Connected and signed in' };
				} catch (error) {
					const hint = (error as { details?: { hint?: string } }).details?.hint;
					return { status: 'Error', message: hint ? `${(error as Error).message}. ${hint}` : (error as Error).message };
				} finally {
					sender.close();
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
