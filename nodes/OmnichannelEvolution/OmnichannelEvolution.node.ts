import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	sendEvolutionButtons,
	sendEvolutionMedia,
	sendEvolutionText,
	type EvolutionButton,
	type EvolutionMediaType,
	type EvolutionMessageBase,
	type EvolutionSendConfig,
} from '../../core/channels/evolution/outbound';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { sendEachItem } from '../shared/send-items';
import { EVOLUTION_CREDENTIAL } from './credential';
import { evolutionProperties } from './properties';
import { optionSubtitle } from '../shared/subtitle';

/** Sends WhatsApp messages through an Evolution API v2 server; each output item is the canonical outbound event. */
export class OmnichannelEvolution implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Evolution API',
		name: 'omnichannelEvolution',
		icon: 'file:evolution.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(evolutionProperties),
		description: 'Send WhatsApp text, media and buttons through an Evolution API server',
		defaults: { name: 'Omnichannel Evolution API' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: EVOLUTION_CREDENTIAL, required: true }],
		properties: evolutionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credential = await this.getCredentials(EVOLUTION_CREDENTIAL);
		const client = n8nHttpClient(this, EVOLUTION_CREDENTIAL);
		const operation = this.getNodeParameter('operation', 0) as string;
		const text = (name: string, itemIndex: number) => String(this.getNodeParameter(name, itemIndex, '') ?? '');

		return await sendEachItem(this, async (itemIndex) => {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const config: EvolutionSendConfig = {
				baseUrl: String(credential.baseUrl ?? ''),
				instance: String(options.instanceName || credential.instanceName || ''),
				includeRaw: options.includeRaw === true,
			};
			const base: EvolutionMessageBase = {
				to: text('to', itemIndex),
				defaultCountry: text('defaultCountry', itemIndex).trim() || undefined,
				delay: Number(options.delay ?? 0),
				replyToMessageId: String(options.replyToMessageId ?? '') || undefined,
			};

			if (operation === 'sendText') {
				return await sendEvolutionText(client, config, {
					...base,
					text: text('text', itemIndex),
					...(options.disableLinkPreview === true ? { linkPreview: false } : {}),
				});
			}

			if (operation === 'sendMedia') {
				let media = text('mediaUrl', itemIndex).trim();
				let fileName = String(options.fileName ?? '').trim() || undefined;
				let mimeType = String(options.mimeType ?? '').trim() || undefined;
				if (this.getNodeParameter('mediaSource', itemIndex) === 'binary') {
					const field = text('binaryPropertyName', itemIndex).trim() || 'data';
					const binary = this.helpers.assertBinaryData(itemIndex, field);
					media = (await this.helpers.getBinaryDataBuffer(itemIndex, field)).toString('base64');
					fileName ??= binary.fileName;
					mimeType ??= binary.mimeType;
				}
				return await sendEvolutionMedia(client, config, {
					...base,
					mediaType: this.getNodeParameter('mediaType', itemIndex) as EvolutionMediaType,
					media,
					caption: text('caption', itemIndex),
					fileName,
					mimeType,
				});
			}

			if (operation === 'sendButtons') {
				const buttons = ((this.getNodeParameter('buttons', itemIndex, {}) as IDataObject).button ?? []) as EvolutionButton[];
				return await sendEvolutionButtons(client, config, {
					...base,
					title: text('title', itemIndex),
					description: text('description', itemIndex),
					footer: text('footer', itemIndex),
					thumbnailUrl: String(options.thumbnailUrl ?? ''),
					buttons,
				});
			}

			throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`, { itemIndex });
		});
	}
}
