import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { EmailAttachmentFile } from '../../../../core/channels/smtp/outbound';
import { forOperation } from '../../../shared/for-operation';
import type { SmtpConnection } from '../../transport';
import { unsubscribeLinkOf, unsubscribeOptions } from '../../unsubscribe-link';

const properties: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'maria@example.com',
		description: 'Who receives the email. Several addresses are separated by commas. After an email trigger, an expression for the sender’s address (from.identities[0].value).',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		placeholder: 'Re: Your order',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		description: 'The message as plain text. Fill Text, HTML or both (mail programs show HTML when they can).',
	},
	{
		displayName: 'HTML',
		name: 'html',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		description: 'The message as HTML',
	},
	{
		displayName: 'Reply To Message ID',
		name: 'replyToMessageId',
		type: 'string',
		default: '',
		placeholder: '<CAF555reply0001@mail.example.com>',
		description: 'To answer in the customer’s thread: the Message-ID of their email. After an email trigger: the event’s thread.messageId. Leave empty for a new conversation.',
	},
	{
		displayName: 'References',
		name: 'references',
		type: 'string',
		default: '',
		description: 'The earlier Message-IDs of the thread, separated by spaces or commas, or a list. After an email trigger: the event’s thread.references. The replied Message-ID is added at the end.',
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'string',
		default: '',
		placeholder: 'attachment_0, data',
		description: 'Names of the binary properties of the input item to attach, separated by commas',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'BCC',
				name: 'bcc',
				type: 'string',
				default: '',
				description: 'Hidden copies, separated by commas',
			},
			{
				displayName: 'CC',
				name: 'cc',
				type: 'string',
				default: '',
				description: 'Copies, separated by commas',
			},
			{
				displayName: 'From',
				name: 'from',
				type: 'string',
				default: '',
				placeholder: 'Acme Support <support@acme.example>',
				description: 'The sender; the credential’s Default From when empty',
			},
			{
				displayName: 'Reply-To Address',
				name: 'replyTo',
				type: 'string',
				default: '',
				description: 'Where the customer’s answer should go, when not to the From address',
			},
			...unsubscribeOptions,
		],
	},
];

export const description = forOperation('sendEmail', properties);

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

/** Sends one e-mail on the run's SMTP connection; a reply carries the thread's Message-IDs. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { mailer }: SmtpConnection) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const to = String(this.getNodeParameter('to', itemIndex));
	const unsubscribeUrl = await unsubscribeLinkOf(this, itemIndex, options, to);
	return await mailer.send({
		from: String(options.from ?? ''),
		to,
		cc: String(options.cc ?? ''),
		bcc: String(options.bcc ?? ''),
		replyTo: String(options.replyTo ?? ''),
		subject: String(this.getNodeParameter('subject', itemIndex, '')),
		text: String(this.getNodeParameter('text', itemIndex, '')),
		html: String(this.getNodeParameter('html', itemIndex, '')),
		inReplyTo: String(this.getNodeParameter('replyToMessageId', itemIndex, '')),
		references: textOrList(this.getNodeParameter('references', itemIndex, '')),
		attachments: await attachmentFiles(this, itemIndex),
		...(unsubscribeUrl ? { unsubscribeUrl } : {}),
	});
}
