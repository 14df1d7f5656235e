/**
 * Who a Messenger or Instagram message goes to. The Send API wants the customer's id as
 * Meta gave it to us (PSID on Messenger, IGSID on Instagram); the customer graph stores
 * it scoped by our account ("<pageId>:<psid>", "<igAccountId>:<igsid>"). Both are accepted.
 */
export interface MessagingRecipient {
	/** The PSID or IGSID, as the Send API wants it. */
	id: string;
	/** Our Page or Instagram account the id belongs to, when the value named it. */
	scope?: string;
}

const DIGITS = /^\d+$/;

/** Reads a recipient typed or mapped by a person; throws an Error that says what was expected. */
export function parseRecipient(value: unknown, label: string, idName: string): MessagingRecipient {
	const source = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!source) {
		throw new Error(`No recipient: give the customer's ${idName} (from the ${label} Trigger) or their ${label} identity "<account id>:<${idName}>"`);
	}
	const parts = source.split(':');
	if (parts.length > 2 || !parts.every((part) => DIGITS.test(part))) {
		throw new Error(
			`"${source}" is not a ${label} recipient: expected the customer's ${idName} (digits only) or their ${label} identity "<account id>:<${idName}>"`,
		);
	}
	return parts.length === 2 ? { scope: parts[0], id: parts[1] } : { id: parts[0] };
}
