import type { INodeListSearchItems } from 'n8n-workflow';
import { listBusinessPhoneNumbers, listMessageTemplates, type MessageTemplate } from '../../../core/channels/whatsapp/business-account';
import { listSearch, matchesFilter, searchResult } from '../../shared/list-search';
import { whatsappCloudConnector } from '../transport';

/** One entry per template name, with the languages it is approved in, as the API lists it: a page at a time. */
function templateEntries(templates: MessageTemplate[]): INodeListSearchItems[] {
	const byName = new Map<string, MessageTemplate[]>();
	for (const template of templates) byName.set(template.name, [...(byName.get(template.name) ?? []), template]);
	return [...byName].map(([name, versions]) => {
		const languages = versions.map((version) => (version.status && version.status !== 'APPROVED' ? `${version.language} (${version.status.toLowerCase()})` : version.language));
		const category = versions.find((version) => version.category)?.category;
		return { name, value: name, description: [languages.join(', '), category?.toLowerCase()].filter(Boolean).join(' · ') };
	});
}

/** The message templates of the credential's WhatsApp Business Account. */
export const searchTemplates = listSearch(async (context, filter, paginationToken) => {
	const { http, config, businessAccountId } = await whatsappCloudConnector.connect(context);
	const page = await listMessageTemplates(http, config, businessAccountId, paginationToken);
	return searchResult(templateEntries(page.items.filter((template) => matchesFilter(filter, template.name))), page.after);
});

/** The phone numbers of the credential's WhatsApp Business Account. */
export const searchPhoneNumbers = listSearch(async (context, filter, paginationToken) => {
	const { http, config, businessAccountId } = await whatsappCloudConnector.connect(context);
	const page = await listBusinessPhoneNumbers(http, config, businessAccountId, paginationToken);
	const results = page.items
		.filter((number) => matchesFilter(filter, number.displayPhoneNumber, number.verifiedName, number.id))
		.map((number) => ({ name: [number.displayPhoneNumber ?? number.id, number.verifiedName ? `(${number.verifiedName})` : ''].join(' ').trim(), value: number.id }));
	return searchResult(results, page.after);
});
