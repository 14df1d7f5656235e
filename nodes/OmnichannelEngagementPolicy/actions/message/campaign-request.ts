import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { isCustomerId, isTimeZone, parseQuietHours, validCaps, type Channel, type EngagementRequest, type FrequencyCap } from '../../../../core';

const entries = (context: IExecuteFunctions, name: string, key: string, itemIndex: number) =>
	((context.getNodeParameter(name, itemIndex, {}) as IDataObject)[key] as IDataObject[] | undefined) ?? [];
const text = (value: unknown) => String(value ?? '').trim();

/** The customer ID parameter: a UUID, or an error that says where one comes from. */
export function customerIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const id = text(context.getNodeParameter('customerId', itemIndex, ''));
	const description = 'Put Customer Merge (Get Customer or List Customers) before this node, or map a customer ID.';
	if (!id) throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} has no customer ID`, { itemIndex, description });
	if (!isCustomerId(id)) throw new NodeOperationError(context.getNode(), `"${id}" is not a customer ID: a customer ID is a UUID such as 01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11`, { itemIndex, description });
	return id;
}

/** The message and the rules of Decide, read from its parameters for one item and checked. */
export function campaignRequestOf(context: IExecuteFunctions, itemIndex: number): EngagementRequest {
	const fail = (message: string, description?: string) => new NodeOperationError(context.getNode(), message, { itemIndex, description });
	const messageKey = text(context.getNodeParameter('messageKey', itemIndex, ''));
	if (!messageKey) throw fail('No message key given', 'Name the message, e.g. "black-friday-2026": it keeps each customer from getting it twice.');
	const versions = entries(context, 'messages', 'message', itemIndex)
		.map((entry) => ({ language: text(entry.language), text: String(entry.text ?? ''), ...(text(entry.subject) ? { subject: text(entry.subject) } : {}) }))
		.filter((entry) => entry.text.trim());
	if (!versions.length) throw fail('The message has no text', 'Write the message under Message, in at least one language.');
	const preference = entries(context, 'channels', 'channel', itemIndex).map((entry) => text(entry.channel) as Channel);
	if (!preference.length) throw fail('No channel selected', 'Add the channels to use under Channels, preferred first.');
	const caps = validCaps(entries(context, 'caps', 'cap', itemIndex).map((entry) => ({ limit: Number(entry.messages), hours: Number(entry.hours) })));
	if (typeof caps === 'string') throw fail(caps);
	const quietText = text(context.getNodeParameter('quietHours', itemIndex, ''));
	const quietHours = quietText ? parseQuietHours(quietText) : undefined;
	if (typeof quietHours === 'string') throw fail(`Quiet Hours: ${quietHours}`);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const defaultTimeZone = text(options.defaultTimeZone) || context.getTimezone();
	if (!isTimeZone(defaultTimeZone)) throw fail(`"${defaultTimeZone}" is not a time zone`, 'Write an IANA time zone such as America/Sao_Paulo or Europe/Warsaw.');
	const templates = entries(context, 'whatsappTemplates', 'template', itemIndex)
		.map((entry) => ({ language: text(entry.language), name: text(entry.name), code: text(entry.code) }))
		.filter((entry) => entry.name);
	return {
		message: {
			messageKey,
			purpose: context.getNodeParameter('purpose', itemIndex, 'marketing') as 'marketing' | 'transactional',
			versions,
			fallbackLanguage: text(context.getNodeParameter('fallbackLanguage', itemIndex, 'en')),
			whatsappTemplates: templates,
			templateVariables: splitVariables(String(context.getNodeParameter('templateVariables', itemIndex, '') ?? '')),
		},
		rules: {
			preference,
			routes: { whatsapp: context.getNodeParameter('whatsappRoute', itemIndex, 'whatsappCloud') as 'whatsappCloud' | 'evolution' },
			caps: caps as FrequencyCap[],
			...(quietHours ? { quietHours } : {}),
			quietHoursForTransactional: options.quietHoursForTransactional === true,
			defaultTimeZone,
			consent: { marketingNeedsOptIn: options.marketingNeedsOptIn === true, optOutOnOneChannelCountsEverywhere: options.optOutScope !== 'channel' },
			humanAgentTag: options.humanAgentTag === true,
		},
	};
}

/** "{{firstName|cliente}}, {{city}}": the variables in order; commas inside a placeholder's default stay in it. */
export function splitVariables(value: string): string[] {
	return (value.match(/\{\{[^}]*\}\}|[^,]+/g) ?? []).map((part) => part.trim()).filter(Boolean);
}
