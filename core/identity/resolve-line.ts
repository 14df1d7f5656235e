import { z } from 'zod';
import { eventInputSchema, IDENTITY_KINDS, type Traits } from '../model';
import { countryCode, COUNTRY_CODE_RULE } from './country';
import { inputFromEvent, type ResolveInput } from './prepare';

// Each message follows the path of what it is about: `identities[0].country must be …`.

/** An empty cell from an export (null, "") is no value at all. */
const blankAsMissing = (value: unknown) => (value === null || (typeof value === 'string' && !value.trim()) ? undefined : value);

const countrySchema = z.preprocess(
	blankAsMissing,
	z
		.custom<string>((value) => countryCode(value) !== undefined, { message: COUNTRY_CODE_RULE })
		.transform((value) => countryCode(value)!)
		.optional(),
);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const rawIdentitySchema = z.object(
	{
		kind: z.string({ required_error: `is missing: use one of whatsapp, ${IDENTITY_KINDS.join(', ')}`, invalid_type_error: 'must be text such as "email"' }),
		// A missing value is an empty field: the identifier is ignored with a warning, as in any input.
		value: z.union([z.string(), z.number()], { errorMap: () => ({ message: 'must be text or a number' }) }).nullish(),
		country: countrySchema,
	},
	{ invalid_type_error: 'must be an object such as {"kind": "email", "value": "…"}' },
);

const plainLineSchema = z.object({
	identities: z.array(rawIdentitySchema, {
		required_error: 'are missing: expected "identities": [{"kind": "email", "value": "…"}] or a canonical event',
		invalid_type_error: 'must be a list such as [{"kind": "email", "value": "…"}]',
	}),
	name: z.string({ invalid_type_error: 'must be text' }).nullish(),
	// Kept as given (not rebuilt by zod), whatever its keys.
	traits: z.custom<Traits>(isObject, { message: 'must be an object such as {"plan": "gold"}' }).nullish(),
	/** Country of the line's phone numbers written without a country code, unless an identifier has its own. */
	country: countrySchema,
});

const pathText = (path: (string | number)[]) => path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part)).join('');

/**
 * Reads one line of `n8n-omnichannel resolve`: a canonical event, or
 * `{identities, name?, traits?, country?}`. Throws an Error whose message says, in our words,
 * which field is wrong and what it must be.
 */
export function parseResolveInput(value: unknown): ResolveInput {
	if (!isObject(value)) throw new Error('expected a JSON object');
	if ('channel' in value && 'externalId' in value) {
		const parsed = eventInputSchema.safeParse(value);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw new Error(`not a valid canonical event: ${issue.path.join('.') || 'event'}: ${issue.message}`);
		}
		return inputFromEvent(parsed.data);
	}
	const parsed = plainLineSchema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`${pathText(issue.path)} ${issue.message}`);
	}
	const { identities, name, traits, country } = parsed.data;
	return {
		identities: identities.map((identity) => ({ kind: identity.kind, value: identity.value, country: identity.country ?? country })),
		name: name ?? undefined,
		traits: traits ?? undefined,
	};
}
