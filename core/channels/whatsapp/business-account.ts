import type { HttpClient } from '../../http/http-client';
import { asText, isRecord, objects } from '../shared/json-body';
import { graphRequest, whatsAppGraphUrl, type WhatsAppCloudConfig } from './graph-request';

/**
 * What a WhatsApp Business Account (WABA) holds, read for pickers in the editor:
 * GET /<waba-id>/message_templates and GET /<waba-id>/phone_numbers, each a Graph list
 * `{ data: [...], paging: { cursors: { after }, next } }` read one page at a time.
 */

export interface GraphPage<T> {
	items: T[];
	/** The cursor of the next page; absent on the last one. */
	after?: string;
}

export interface MessageTemplate {
	name: string;
	language: string;
	status?: string;
	category?: string;
}

export interface BusinessPhoneNumber {
	id: string;
	displayPhoneNumber?: string;
	verifiedName?: string;
}

const PAGE_SIZE = 100;

function businessAccount(wabaId: string): string {
	const id = wabaId.trim();
	if (!/^\d+$/.test(id)) {
		throw new Error('No WhatsApp Business Account ID: set it in the WhatsApp Cloud API credential (WhatsApp Manager > Account tools, or next to the Phone Number ID in the App Dashboard)');
	}
	return id;
}

async function graphPage(client: HttpClient, config: WhatsAppCloudConfig, path: string, fields: string, after: string | undefined, action: string) {
	const query = { fields, limit: PAGE_SIZE, ...(after ? { after } : {}) };
	const response = await graphRequest<unknown>(client, config, { method: 'GET', url: whatsAppGraphUrl(config, path), query }, action);
	const body = isRecord(response.body) ? response.body : {};
	const paging = isRecord(body.paging) ? body.paging : {};
	const cursors = isRecord(paging.cursors) ? paging.cursors : {};
	// Graph gives an `after` cursor on every page; only `next` says there is another.
	return { data: objects(body.data), after: asText(paging.next) ? asText(cursors.after) : undefined };
}

export async function listMessageTemplates(client: HttpClient, config: WhatsAppCloudConfig, wabaId: string, after?: string): Promise<GraphPage<MessageTemplate>> {
	const page = await graphPage(client, config, `${businessAccount(wabaId)}/message_templates`, 'name,language,status,category', after, 'Listing the WhatsApp message templates');
	const items = page.data.flatMap((entry) => {
		const name = asText(entry.name);
		return name ? [{ name, language: asText(entry.language) ?? '', status: asText(entry.status), category: asText(entry.category) }] : [];
	});
	return { items, after: page.after };
}

export async function listBusinessPhoneNumbers(client: HttpClient, config: WhatsAppCloudConfig, wabaId: string, after?: string): Promise<GraphPage<BusinessPhoneNumber>> {
	const page = await graphPage(client, config, `${businessAccount(wabaId)}/phone_numbers`, 'id,display_phone_number,verified_name', after, 'Listing the WhatsApp phone numbers');
	const items = page.data.flatMap((entry) => {
		const id = asText(entry.id);
		return id ? [{ id, displayPhoneNumber: asText(entry.display_phone_number), verifiedName: asText(entry.verified_name) }] : [];
	});
	return { items, after: page.after };
}
