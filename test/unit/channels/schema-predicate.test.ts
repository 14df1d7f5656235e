import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { evolutionMessageWebhookSchema } from '../../../core/channels/evolution/payload-schema';
import { routeFormSchema } from '../../../core/channels/mailgun/route-fields';
import { messagingEntrySchema } from '../../../core/channels/meta/messaging-schema';
import { metaWebhookSchema } from '../../../core/channels/meta/webhook-body';
import { postmarkInboundSchema } from '../../../core/channels/postmark/payload';
import { parseFormBody } from '../../../core/channels/shared/form-body';
import { assertJsonDepth } from '../../../core/channels/shared/json-depth';
import { boundedList, countText, formFields, idField, lenientObjectList, openObject } from '../../../core/channels/shared/payload-fields';
import { schemaPredicate } from '../../../core/channels/shared/schema-predicate';
import { telegramUpdateSchema } from '../../../core/channels/telegram/update-schema';
import { twilioFormSchema } from '../../../core/channels/twilio/form-schema';
import { whatsappEntrySchema } from '../../../core/channels/whatsapp/payload-schema';
import { mutateForm } from './fuzz/form-mutations';
import { FUZZ_CHANNELS, seedFiles } from './fuzz/fuzz-channels';
import { keysOf, mutateJson, type Json } from './fuzz/json-mutations';
import { SeededRandom, seedFor } from './fuzz/seeded-random';

/** The predicate and zod agree on `value`: that is the whole promise of schemaPredicate. */
const agrees = (schema: z.ZodTypeAny, value: unknown) => schemaPredicate(schema)(value) === schema.safeParse(value).success;

describe('schemaPredicate agrees with zod', () => {
	const nested: z.ZodTypeAny = openObject({ name: z.string(), child: z.lazy(() => nested).optional() });
	const transformed = z.string().transform((text) => text.length);

	it.each([
		['a bounded string', z.string().min(2).max(3), ['ab', 'abc', 'a', 'abcd', 3, null, undefined]],
		['a pattern with the g flag, tried twice in a row', z.string().regex(/^\d+$/g), ['12', '12', 'x1', '']],
		['a whole, finite, bounded number', z.number().int().finite().min(0).max(10), [0, 10, 5, -1, 11, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5']],
		['an exclusive bound', z.number().gt(0).lt(1), [0.5, 0, 1]],
		['an id: text or a number', idField, ['x', 5, 'x'.repeat(2049), [], {}, null, Number.NaN]],
		['a literal and an enum', z.union([z.literal('a'), z.enum(['b', 'c'])]), ['a', 'b', 'c', 'd', 1]],
		['nullish fields', openObject({ a: z.string().nullish(), b: z.number().nullable(), c: z.boolean().optional() }), [{ b: null }, { a: null, b: 1, c: true }, {}, { b: undefined }, { b: 1, c: null }]],
		['an open object keeps fields it does not name', openObject({ a: z.string() }), [{ a: 'x', other: [1, { deep: true }] }, { other: 1 }, [], null, new Date(), new Map()]],
		['a strict object refuses them', z.object({ a: z.string() }).strict(), [{ a: 'x' }, { a: 'x', other: 1 }]],
		['an object whose other fields are checked', z.object({ a: z.string() }).catchall(z.number()), [{ a: 'x', b: 1 }, { a: 'x', b: 'y' }]],
		['a bounded list', boundedList(z.string(), 2), [[], ['a', 'b'], ['a', 'b', 'c'], ['a', 1], 'a']],
		['a lenient list', openObject({ list: lenientObjectList(openObject({ id: z.string() }), 2) }), [{ list: 'no list' }, { list: [1, { id: 'a' }] }, { list: [{ id: 1 }] }, { list: [{}, {}, {}] }]],
		['a tuple with more after it', z.tuple([z.string(), z.number()]).rest(z.boolean()), [['a', 1], ['a', 1, true], ['a', 1, 'x'], ['a'], ['a', 'b']]],
		['a tuple without', z.tuple([z.string()]), [['a'], ['a', 'b'], []]],
		['a record', z.record(z.number()), [{}, { a: 1 }, { a: 'x' }, []]],
		['form fields, counted and bounded', formFields({ Count: countText(10, 'things').optional() }, 2, 3), [{ Count: '5' }, { Count: '11' }, { Count: 'x' }, { a: 'abcd' }, { a: '1', b: '2', c: '3' }, { a: 'ab' }]],
		['a schema that refers to itself', nested, [{ name: 'a', child: { name: 'b', child: { name: 'c' } } }, { name: 'a', child: { name: 'b', child: { name: 3 } } }]],
		['a transform, left to zod', openObject({ length: transformed }), [{ length: 'abc' }, { length: 3 }]],
		['coercion, left to zod', z.coerce.number(), ['5', 'x', 5]],
	])('%s', (_, schema, values) => {
		for (const value of values) expect({ value, agrees: agrees(schema as z.ZodTypeAny, value) }).toEqual({ value, agrees: true });
	});
});

describe('schemaPredicate agrees with zod on mutated provider bodies', () => {
	const JSON_SCHEMAS: Record<string, z.ZodTypeAny> = {
		whatsapp: metaWebhookSchema(whatsappEntrySchema),
		messenger: metaWebhookSchema(messagingEntrySchema),
		instagram: metaWebhookSchema(messagingEntrySchema),
		telegram: telegramUpdateSchema,
		evolution: evolutionMessageWebhookSchema,
		postmark: postmarkInboundSchema,
	};
	const FORM_SCHEMAS: Record<string, z.ZodTypeAny> = { twilio: twilioFormSchema, mailgun: routeFormSchema };

	/** The value a mutated body holds, as intake would check it: undefined when intake refuses it before (not JSON, too deep). */
	function bodyValue(name: string, body: Buffer): unknown {
		if (name in FORM_SCHEMAS) return parseFormBody(body).fields;
		try {
			const text = body.toString('utf8');
			assertJsonDepth(text, 64, name);
			return JSON.parse(text);
		} catch {
			return undefined;
		}
	}

	it.each([...Object.keys(JSON_SCHEMAS), ...Object.keys(FORM_SCHEMAS)])('%s', (name) => {
		const schema = JSON_SCHEMAS[name] ?? FORM_SCHEMAS[name];
		const random = new SeededRandom(seedFor(`predicate:${name}`, 20261201));
		const seeds = seedFiles(FUZZ_CHANNELS[name]).map((file) => readFileSync(file, 'utf8'));
		const isForm = name in FORM_SCHEMAS;
		const documents = isForm ? [] : seeds.map((text) => JSON.parse(text) as Json);
		const vocabulary = [...new Set(documents.flatMap(keysOf))];
		const verdicts = { accepted: 0, refused: 0 };
		const disagreements: string[] = [];
		for (let index = 0; index < 800; index++) {
			const body = isForm ? mutateForm(random.pick(seeds), random) : mutateJson(random.pick(documents), random, vocabulary);
			const value = bodyValue(name, body);
			if (value === undefined) continue;
			const accepted = schema.safeParse(value).success;
			verdicts[accepted ? 'accepted' : 'refused']++;
			if (schemaPredicate(schema)(value) !== accepted) disagreements.push(body.toString('utf8').slice(0, 300));
		}
		expect(disagreements.slice(0, 3)).toEqual([]);
		// Both answers were put to the test.
		expect(verdicts.accepted).toBeGreaterThanOrEqual(5);
		expect(verdicts.refused).toBeGreaterThanOrEqual(5);
	});
});
