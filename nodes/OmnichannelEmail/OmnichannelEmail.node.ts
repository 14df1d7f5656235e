import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { EmailAttachmentFile } from '../../core/channels/smtp/outbound';
import { SmtpSender } from '../../core/channels/smtp/outbound';
import { sendEachItem } from '../shared/send-items';
import { emailProperties } from './properties';
import { SMTP_CREDENTIAL, smtpConfigFromCredential } from './smtp-credential';
import { optionSubtitle } from '../shared/subtitle';

/** A parameter that may be a list (an expression such as {{ $json.thread.references }}) or text. */
function textOrList(value: unknown): string | string[] {
	if (Array.isArray(value)) return value.map(String);
	return value === undefined || value === null ? '' : String(value);
}

async function attachmentFiles(context: IExecuteFunctions, itemIndex: number): Promise<EmailAttachmentFile[]> {
	const names = String(context.getNodeParameter('attachments', itemIndex, ''))
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const files: EmailAttachmentFile[] = [];
	for (const name of names) {
		const binary = context.getInputData()[itemIndex].binary?.[name];
		if (!binary) {
			throw new NodeOperationError(context.getNode(), `The input item has no binary property "${name}" to attach`, {
				itemIndex,
				description: 'Check the names in Attachments against the binary data of the incoming item.',
			});
		}
		files.push({
			filename: binary.fileName ?? name,
			mimeType: binary.mimeType,
			content: await context.helpers.getBinaryDataBuffer(itemIndex, name),
		});
	}
	return files;
}

/** Sends email over SMTP; a reply stays in the customer's thread. Outputs the canonical outbound event. */
export class OmnichannelEmail implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Email',
		name: 'omnichannelEmail',
		icon: 'file:omnichannelEmail.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(emailProperties),
		description: 'Send email over SMTP, in the customer’s thread, and record it in their history',
		defaults: { name: 'Omnichannel Email' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: SMTP_CREDENTIAL, required: true, testedBy: 'omnichannelSmtpTest' }],
		properties: emailProperties,
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
		const sender = new SmtpSender(smtpConfigFromCredential(await this.getCredentials(SMTP_CREDENTIAL)));
		try {
			return await sendEachItem(this, async (itemIndex) => {
				const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
				const event = await sender.send({
					from: String(options.from ?? ''),
					to: String(this.getNodeParameter('to', itemIndex)),
					cc: String(options.cc ?? ''),
					bcc: String(options.bcc ?? ''),
					replyTo: String(options.replyTo ?? ''),
					subject: String(this.getNodeParameter('subject', itemIndex, '')),
					text: String(this.getNodeParameter('text', itemIndex, '')),
					html: String(this.getNodeParameter('html', itemIndex, '')),
					inReplyTo: String(this.getNodeParameter('replyToMessageId', itemIndex, '')),
					references: textOrList(this.getNodeParameter('references', itemIndex, '')),
					attachments: await attachmentFiles(this, itemIndex),
				});
				return event;
			});
		} finally {
			sender.close();
		}
	}
}
