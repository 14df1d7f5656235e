import { CRM_KINDS, type IdentityKind } from '../model';

/**
 * When a shareable identifier (a family's WhatsApp, a shop's landline) may not merge two
 * people: see shared-identifier-rule.ts for how it decides.
 */
export interface SharedIdentifierRule {
	/** On by default; off, a phone links and merges as any identifier does. */
	enabled: boolean;
	/** Kinds several people may use: a phone (WhatsApp numbers are phones) and the WhatsApp account's id. */
	shareableKinds: IdentityKind[];
	/** Kinds that name one person: e-mail, CRM record ids, the external id. */
	personKinds: IdentityKind[];
	/** Two people also need different first names; off, different person-level identifiers are enough. */
	requireDifferentName: boolean;
}

/**
 * Rules that keep one bad identifier from merging strangers: shared junk values are never
 * matched on, no customer collects more than a few identifiers of a kind, and when two
 * identifiers point at customers that can't be merged, the higher-priority kind wins.
 */
export interface ProtectionRules {
	/** Exact normalized values never used to match (compared lower-cased). */
	blockedValues: string[];
	/** Phones made of one repeated digit (+55 0000000000, +1 1111111111) are blocked. */
	blockRepeatedDigitPhones: boolean;
	/** How many identifiers of a kind one customer may hold; a kind not listed has no limit. */
	maxPerKind: Partial<Record<IdentityKind, number>>;
	/** Kinds in order of trust, most trusted first; a kind not listed comes last. */
	priority: IdentityKind[];
	/** Shared phones link people without merging them. */
	shared: SharedIdentifierRule;
}

export const DEFAULT_SHARED_IDENTIFIER_RULE: SharedIdentifierRule = {
	enabled: true,
	shareableKinds: ['phone', 'whatsapp_bsuid'],
	personKinds: ['email', 'external', ...CRM_KINDS],
	requireDifferentName: true,
};

export const DEFAULT_PROTECTION_RULES: ProtectionRules = {
	blockedValues: [
		'test@test.com',
		'example@example.com',
		'test@example.com',
		'email@email.com',
		'noreply@noreply.com',
		'no-reply@no-reply.com',
		'',
		'null',
		'undefined',
		'none',
		'n/a',
		'na',
		'-',
		'0',
		'unknown',
		'+1234567890',
	],
	blockRepeatedDigitPhones: true,
	maxPerKind: {
		external: 1,
		hubspot: 1,
		salesforce: 1,
		pipedrive: 1,
		rdstation: 1,
		email: 5,
		phone: 5,
		whatsapp_bsuid: 3,
		telegram: 3,
		messenger: 10,
		instagram: 10,
		webchat: 50,
	},
	priority: ['external', 'hubspot', 'salesforce', 'pipedrive', 'rdstation', 'email', 'phone', 'whatsapp_bsuid', 'telegram', 'messenger', 'instagram', 'webchat'],
	shared: DEFAULT_SHARED_IDENTIFIER_RULE,
};

/** Rules as configured, on top of the defaults. */
export function protectionRules(overrides: Omit<Partial<ProtectionRules>, 'shared'> & { shared?: Partial<SharedIdentifierRule> } = {}): ProtectionRules {
	return {
		...DEFAULT_PROTECTION_RULES,
		...overrides,
		maxPerKind: { ...DEFAULT_PROTECTION_RULES.maxPerKind, ...overrides.maxPerKind },
		shared: { ...DEFAULT_SHARED_IDENTIFIER_RULE, ...overrides.shared },
	};
}

/** Digits that are one digit repeated, alone or after a country code (and area code): 0000000000, +55 11 99999-9999. */
function isRepeatedDigitPhone(value: string): boolean {
	const digits = value.replace(/\D/g, '');
	for (let prefix = 0; prefix <= 4; prefix++) {
		if (/^(\d)\1{5,}$/.test(digits.slice(prefix))) return true;
	}
	return false;
}

/**
 * Why an identifier must not be used to match, or undefined when it may. Checked on the raw
 * value (junk that would not even normalize) and again on the normalized one.
 */
export function blockReason(kind: string, value: unknown, rules: ProtectionRules): string | undefined {
	const text = value === null || value === undefined ? '' : String(value).trim();
	if (rules.blockedValues.includes(text.toLowerCase())) return `${kind} "${text}" is a placeholder value, never used to match`;
	const isPhone = kind === 'phone' || kind === 'whatsapp';
	if (isPhone && rules.blockRepeatedDigitPhones && isRepeatedDigitPhone(text)) return `${kind} "${text}" is one repeated digit, never used to match`;
	return undefined;
}

export function kindRank(kind: IdentityKind, rules: ProtectionRules): number {
	const rank = rules.priority.indexOf(kind);
	return rank === -1 ? rules.priority.length : rank;
}
