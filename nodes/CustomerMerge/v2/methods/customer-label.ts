import type { CustomerSummary, Identity } from '../../../../core';

/** The identifiers a person recognises a customer by first; CRM and web chat ids last. */
const KIND_ORDER = ['email', 'phone', 'whatsapp_bsuid', 'telegram', 'instagram', 'messenger', 'external', 'hubspot', 'salesforce', 'pipedrive', 'rdstation', 'webchat'];
const SHOWN_IDENTIFIERS = 3;

function rank(identity: Identity): number {
	const place = KIND_ORDER.indexOf(identity.kind);
	return place === -1 ? KIND_ORDER.length : place;
}

/** An e-mail and a phone speak for themselves; other identifiers say what they are. */
const written = (identity: Identity) => (identity.kind === 'email' || identity.kind === 'phone' ? identity.value : `${identity.kind} ${identity.value}`);

/** "Ana Souza · ana@example.org, +5511987654321": the name, then the main identifiers. */
export function customerLabel(customer: CustomerSummary): string {
	const main = [...customer.identities].sort((a, b) => rank(a) - rank(b)).slice(0, SHOWN_IDENTIFIERS).map(written);
	const more = customer.identities.length > SHOWN_IDENTIFIERS ? ` +${customer.identities.length - SHOWN_IDENTIFIERS}` : '';
	const identifiers = main.length ? `${main.join(', ')}${more}` : undefined;
	return [customer.name, identifiers].filter(Boolean).join(' · ') || customer.id;
}
