import { z } from 'zod';

/**
 * A predicate derived from a zod schema: true when the schema accepts the value, without
 * building zod's result. Checking a body with zod allocates for every field it reads, which
 * costs more than the rest of intake; valid bodies are the rule, so they take this path,
 * and zod runs only to word what is wrong with the others.
 *
 * It follows the building blocks of providers' schemas (objects, lists, unions, bounded
 * strings and numbers, refinements, preprocessing); any other part of a schema is asked of
 * zod itself, so the predicate never accepts what zod refuses.
 */
export type Predicate = (value: unknown) => boolean;

const { ZodFirstPartyTypeKind: Kind } = z;

/** The kinds of schema any value passes. */
const ACCEPTS_ANYTHING = new Set<string>([Kind.ZodUnknown, Kind.ZodAny]);

const predicates = new WeakMap<z.ZodTypeAny, Predicate>();

/** The predicate of `schema`, derived once. */
export function schemaPredicate(schema: z.ZodTypeAny): Predicate {
	let predicate = predicates.get(schema);
	if (!predicate) {
		predicate = derive(schema);
		predicates.set(schema, predicate);
	}
	return predicate;
}

/** zod's object: not null, not a list, and none of the objects it gives types of their own (dates, maps, sets, promises and other thenables). */
function isZodObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const { then, catch: onError } = value as { then?: unknown; catch?: unknown };
	if (typeof then === 'function' && typeof onError === 'function') return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null || !(Array.isArray(value) || value instanceof Date || value instanceof Map || value instanceof Set);
}

/** The context an effect's function is given: it notes whether the function added an issue (read right after the call). */
let issueAdded = false;
const EFFECT_CONTEXT: z.RefinementCtx = { addIssue: () => void (issueAdded = true), path: [] };

/** Runs an effect's function as zod would; `undefined` when it added an issue (or went async, which zod refuses here). */
function withoutIssues<Result>(effect: (value: unknown, context: z.RefinementCtx) => Result, value: unknown): { result: Result } | undefined {
	issueAdded = false;
	const result = effect(value, EFFECT_CONTEXT);
	return issueAdded || result instanceof Promise ? undefined : { result };
}

/** True for a schema whose output is its input, so that a pipe may hand the input on. */
function handsOnUnchanged(schema: z.ZodTypeAny): boolean {
	const def = schema._def;
	switch (def.typeName) {
		case Kind.ZodUnknown:
		case Kind.ZodAny:
		case Kind.ZodString:
		case Kind.ZodNumber:
		case Kind.ZodBoolean:
			return true;
		case Kind.ZodArray:
			return handsOnUnchanged(def.type);
		case Kind.ZodRecord:
			return handsOnUnchanged(def.valueType);
		case Kind.ZodOptional:
		case Kind.ZodNullable:
			return handsOnUnchanged(def.innerType);
		case Kind.ZodEffects:
			return def.effect.type === 'refinement' && handsOnUnchanged(def.schema);
		default:
			return false;
	}
}

function stringPredicate(def: z.ZodStringDef): Predicate | undefined {
	let [min, max] = [0, Infinity];
	const patterns: RegExp[] = [];
	for (const check of def.checks) {
		if (check.kind === 'max') max = Math.min(max, check.value);
		else if (check.kind === 'min') min = Math.max(min, check.value);
		else if (check.kind === 'regex') patterns.push(check.regex);
		else return undefined;
	}
	const sized = (value: unknown): value is string => typeof value === 'string' && value.length >= min && value.length <= max;
	if (patterns.length === 0) return sized;
	return (value) => sized(value) && patterns.every((pattern) => ((pattern.lastIndex = 0), pattern.test(value)));
}

function numberPredicate(def: z.ZodNumberDef): Predicate | undefined {
	let [whole, finite] = [false, false];
	const bounds: ((value: number) => boolean)[] = [];
	for (const check of def.checks) {
		if (check.kind === 'int') whole = true;
		else if (check.kind === 'finite') finite = true;
		else if (check.kind === 'min') bounds.push((value) => (check.inclusive ? value >= check.value : value > check.value));
		else if (check.kind === 'max') bounds.push((value) => (check.inclusive ? value <= check.value : value < check.value));
		else return undefined;
	}
	return (value) =>
		typeof value === 'number' && !Number.isNaN(value) && (!whole || Number.isInteger(value)) && (!finite || Number.isFinite(value)) && bounds.every((bound) => bound(value));
}

function listPredicate(def: z.ZodArrayDef): Predicate {
	const item = ACCEPTS_ANYTHING.has(def.type._def.typeName) ? undefined : schemaPredicate(def.type);
	const { minLength, maxLength, exactLength } = def;
	return (value) => {
		if (!Array.isArray(value)) return false;
		if ((minLength && value.length < minLength.value) || (maxLength && value.length > maxLength.value) || (exactLength && value.length !== exactLength.value)) return false;
		if (item) for (const element of value) if (!item(element)) return false;
		return true;
	};
}

function objectPredicate(def: z.ZodObjectDef): Predicate {
	const shape = def.shape();
	const keys = Object.keys(shape);
	const schemas = Object.values(shape) as z.ZodTypeAny[];
	// An optional field is checked only when present: most fields a schema names are absent from a given body.
	const optional = schemas.map((field) => field._def.typeName === Kind.ZodOptional);
	const fields = schemas.map((field, index) => schemaPredicate(optional[index] ? field._def.innerType : field));
	const known = new Set(keys);
	const others = def.catchall._def.typeName === Kind.ZodNever ? (def.unknownKeys === 'strict' ? () => false : undefined) : schemaPredicate(def.catchall);
	return (value) => {
		if (!isZodObject(value)) return false;
		for (let index = 0; index < keys.length; index++) {
			const field = value[keys[index]];
			if (!(field === undefined && optional[index]) && !fields[index](field)) return false;
		}
		if (others) for (const key in value) if (!known.has(key) && !others(value[key])) return false;
		return true;
	};
}

function effectsPredicate(schema: z.ZodTypeAny, def: z.ZodEffectsDef): Predicate {
	const inner = schemaPredicate(def.schema);
	const { effect } = def;
	if (effect.type === 'preprocess') {
		return (value) => {
			const processed = withoutIssues(effect.transform, value);
			return processed !== undefined && inner(processed.result);
		};
	}
	// A refinement sees what the schema it refines makes of the value: the value itself only when that schema hands it on.
	if (effect.type === 'refinement' && handsOnUnchanged(def.schema)) return (value) => inner(value) && withoutIssues(effect.refinement, value) !== undefined;
	return askZod(schema);
}

/** The parts of a schema the predicate does not follow: zod answers for them. */
const askZod = (schema: z.ZodTypeAny): Predicate => (value) => schema.safeParse(value).success;

function derive(schema: z.ZodTypeAny): Predicate {
	const def = schema._def;
	switch (def.typeName) {
		case Kind.ZodUnknown:
		case Kind.ZodAny:
			return () => true;
		case Kind.ZodNull:
			return (value) => value === null;
		case Kind.ZodBoolean:
			return (value) => typeof value === 'boolean';
		case Kind.ZodLiteral:
			return (value) => value === def.value;
		case Kind.ZodEnum:
			return (value) => (def.values as unknown[]).includes(value);
		case Kind.ZodString:
			return (!def.coerce && stringPredicate(def)) || askZod(schema);
		case Kind.ZodNumber:
			return (!def.coerce && numberPredicate(def)) || askZod(schema);
		case Kind.ZodOptional: {
			const inner = schemaPredicate(def.innerType);
			return (value) => value === undefined || inner(value);
		}
		case Kind.ZodNullable: {
			const inner = schemaPredicate(def.innerType);
			return (value) => value === null || inner(value);
		}
		case Kind.ZodUnion: {
			const options = (def.options as z.ZodTypeAny[]).map(schemaPredicate);
			return (value) => options.some((option) => option(value));
		}
		case Kind.ZodArray:
			return listPredicate(def);
		case Kind.ZodTuple: {
			const items = (def.items as z.ZodTypeAny[]).map(schemaPredicate);
			const rest = def.rest ? schemaPredicate(def.rest) : undefined;
			return (value) =>
				Array.isArray(value) &&
				value.length >= items.length &&
				(rest !== undefined || value.length === items.length) &&
				value.every((element, index) => (index < items.length ? items[index](element) : rest!(element)));
		}
		case Kind.ZodObject:
			return objectPredicate(def);
		case Kind.ZodRecord: {
			if (def.keyType._def.typeName !== Kind.ZodString || def.keyType._def.checks.length > 0) return askZod(schema);
			if (ACCEPTS_ANYTHING.has(def.valueType._def.typeName)) return isZodObject;
			const field = schemaPredicate(def.valueType);
			return (value) => {
				if (!isZodObject(value)) return false;
				for (const key in value) if (!field(value[key])) return false;
				return true;
			};
		}
		case Kind.ZodLazy: {
			// Derived on first use: a lazy schema is how a schema refers to itself.
			let inner: Predicate | undefined;
			return (value) => (inner ??= schemaPredicate(def.getter()))(value);
		}
		case Kind.ZodEffects:
			return effectsPredicate(schema, def);
		case Kind.ZodPipeline: {
			if (!handsOnUnchanged(def.in)) return askZod(schema);
			const [first, then] = [schemaPredicate(def.in), schemaPredicate(def.out)];
			return (value) => first(value) && then(value);
		}
		default:
			return askZod(schema);
	}
}
