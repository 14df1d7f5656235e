import { normalizeEmail as normalizeIdentityEmail } from '../../identifiers/email';

/** A mailbox as written in a From or To header: `"Maria Silva" <maria@example.com>` or a bare address. */
export interface Mailbox {
	email: string;
	name?: string;
}

/** An email identity value, normalized as the identity resolver does (trimmed, lower-cased); undefined when not an address. */
export function normalizeEmail(input: string | undefined): string | undefined {
	const result = normalizeIdentityEmail((input ?? '').trim().replace(/^<|>$/g, ''));
	return result.ok ? result.value : undefined;
}

/** Reads the first mailbox of a header value; the address is normalized, the display name unquoted. */
export function parseMailbox(header: string | undefined): Mailbox | undefined {
	const text = (header ?? '').trim();
	if (text === '') return undefined;
	const angled = /^(.*?)<([^<>]+)>/.exec(text);
	if (angled) {
		const email = normalizeEmail(angled[2]);
		if (!email) return undefined;
		const name = angled[1].trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1').trim();
		return name ? { email, name } : { email };
	}
	const email = normalizeEmail(text.split(',')[0]);
	return email ? { email } : undefined;
}
