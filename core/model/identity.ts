import { z } from 'zod';

/** Kinds of CRM record ids that can identify a customer. */
export const CRM_KINDS = ['hubspot', 'salesforce', 'pipedrive', 'rdstation'] as const;

/**
 * Every kind of identifier a customer can be known by. Values are stored normalized:
 * phone in E.164, email trimmed and lower-cased, channel ids with their scope
 * (messenger "<pageId>:<psid>", instagram "<igAccountId>:<igsid>").
 */
export const IDENTITY_KINDS = [
	'phone',
	'email',
	'whatsapp_bsuid',
	'messenger',
	'instagram',
	'telegram',
	'webchat',
	...CRM_KINDS,
	'external',
] as const;

export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const identityKindSchema = z.enum(IDENTITY_KINDS);

export const identitySchema = z.object({
	kind: identityKindSchema,
	value: z.string().min(1),
});

export type Identity = z.infer<typeof identitySchema>;

/** The string that makes an identity unique across the store. */
export function identityKey(identity: Identity): string {
	return `${identity.kind}:${identity.value}`;
}
