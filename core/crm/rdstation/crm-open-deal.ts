import { asRecord, asString, callRdStation, type RdStationCaller } from './request';

/** The open deal an activity goes on, with its owner (who the activity is attributed to). */
export interface CrmOpenDeal {
	id: string;
	userId?: string;
}

/** Deals to look at per contact: a contact with more than this many is unusual, and each costs a call. */
const MAX_DEALS = 20;

/**
 * Open: not won, not lost. v1 answers `win` (true won, false lost, null open) and `closed_at`;
 * newer answers (webhooks, v2) `status` "ongoing". Any sign of a closed deal counts.
 */
function isOpen(deal: Record<string, unknown>): boolean {
	if (deal.win === true || deal.win === false) return false;
	if (asString(deal.closed_at)) return false;
	const status = asString(deal.status);
	return status === undefined || ['ongoing', 'open', 'paused'].includes(status.toLowerCase());
}

const dealId = (deal: Record<string, unknown>): string | undefined => asString(deal.id) ?? asString(deal._id);

const lastChange = (deal: Record<string, unknown>): number => Date.parse(asString(deal.updated_at) ?? asString(deal.created_at) ?? '') || 0;

/** Whether a listed deal names the contact among its contacts (a list filter RD ignored would return every deal). */
function namesContact(deal: Record<string, unknown>, contactId: string): boolean {
	const ids = [
		...(Array.isArray(deal.contact_ids) ? deal.contact_ids : []),
		...(Array.isArray(deal.contacts) ? deal.contacts.map((contact) => asString(asRecord(contact).id) ?? asString(asRecord(contact)._id)) : []),
	];
	return ids.includes(contactId);
}

/**
 * The contact's most recently changed open deal, or undefined. The contact record lists its
 * deals (`deal_ids`), each read with GET /deals/{id}; without that list, GET /deals?contact_id=…
 * (seen in integrations, not in RD Station's documentation) and only deals that name the contact.
 */
export async function findOpenDeal(caller: RdStationCaller, apiUrl: string, contact: Record<string, unknown>, contactId: string): Promise<CrmOpenDeal | undefined> {
	let deals: Array<Record<string, unknown>>;
	if (Array.isArray(contact.deal_ids)) {
		const ids = contact.deal_ids.map((id) => asString(id)).filter((id): id is string => Boolean(id)).slice(-MAX_DEALS);
		deals = [];
		for (const id of ids) {
			const response = await callRdStation(caller, { method: 'GET', url: `${apiUrl}/deals/${encodeURIComponent(id)}` }, 'read a deal of the contact', [404]);
			if (response.status !== 404) deals.push(asRecord(response.body));
		}
	} else {
		const response = await callRdStation(caller, { method: 'GET', url: `${apiUrl}/deals`, query: { contact_id: contactId, limit: 200 } }, "list the contact's deals");
		const body = response.body;
		const listed = Array.isArray(body) ? body : Array.isArray(asRecord(body).deals) ? (asRecord(body).deals as unknown[]) : [];
		deals = listed.map(asRecord).filter((deal) => namesContact(deal, contactId));
	}
	const open = deals.filter((deal) => dealId(deal) && isOpen(deal)).sort((a, b) => lastChange(b) - lastChange(a));
	const deal = open[0];
	if (!deal) return undefined;
	return { id: dealId(deal) as string, userId: asString(asRecord(deal.user).id) ?? asString(asRecord(deal.user)._id) ?? asString(deal.user_id) };
}
