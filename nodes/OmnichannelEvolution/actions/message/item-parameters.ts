import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { evolutionSenderConfig, type EvolutionConnection } from '../../../../core/channels/evolution/definition';
import type { EvolutionMessageBase, EvolutionSendConfig } from '../../../../core/channels/evolution/outbound';

/** Reading one item's parameters, the same way for every Evolution API operation. */

export const text = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '');

export const optionsOf = (context: IExecuteFunctions, itemIndex: number) => context.getNodeParameter('options', itemIndex, {}) as IDataObject;

/** The instance that sends this item ("Instance Name": a list pick or a typed name, else the credential's) and whether to keep Evolution's answer. */
export function senderOf(context: IExecuteFunctions, itemIndex: number, connection: EvolutionConnection): EvolutionSendConfig {
	const instance = String(context.getNodeParameter('options.instanceName', itemIndex, '', { extractValue: true }) ?? '');
	return evolutionSenderConfig(connection.config, instance, optionsOf(context, itemIndex).includeRaw === true);
}

export function base(context: IExecuteFunctions, itemIndex: number): EvolutionMessageBase {
	const options = optionsOf(context, itemIndex);
	return {
		to: text(context, 'to', itemIndex),
		defaultCountry: text(context, 'defaultCountry', itemIndex).trim() || undefined,
		delay: Number(options.delay ?? 0),
		replyToMessageId: String(options.replyToMessageId ?? '') || undefined,
	};
}
