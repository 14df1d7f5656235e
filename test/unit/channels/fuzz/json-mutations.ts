import type { SeededRandom } from './seeded-random';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value inside a document, by its container and key (the root has no container). */
interface Slot {
	container?: Json[] | { [key: string]: Json };
	key?: string | number;
	value: Json;
}

/** Replaced, after serialization, by a value nested this deep (built as text: a deep object would overflow JSON.stringify). */
const DEEP_MARKER = '\u0000deep\u0000';

const HUGE_NUMBERS = [99999999999, -99999999999, 1e21, 1e308, -1, 0, 1.5, 2 ** 53 + 1, 300000000000, 9e15, 253402300800, 8.64e15];

/** Strings that have broken parsers: empty, control characters, lone surrogates, markers our code looks for. */
export const ODD_STRINGS = [
	'',
	' ',
	'\u0000',
	'\ud800',
	'😀',
	'%',
	'%ZZ',
	'0',
	'99999999999',
	'-1',
	'NaN',
	'true',
	'null',
	'[]',
	'{}',
	'[["From", {}]]',
	'[{"url": 1, "content-type": []}]',
	'whatsapp:',
	'whatsapp:+15555550123',
	'+',
	'abc@lid',
	'120363000000000000@g.us',
	'5511987654321@s.whatsapp.net',
	'status@broadcast',
	'<',
	'<>',
	'a@b',
	'"Maria" <maria@example.com>',
	'On Tue, Jun 9, 2026, Maria wrote:',
	'+275760-09-13T00:00:00.000Z',
	'9999-12-31T23:59:59Z',
	'Tue, 9 Jun 275760 08:09:58 -0300',
	'constructor',
	'__proto__',
	'toString',
	'hasOwnProperty',
];

const LONG_LENGTHS = [300, 5_000, 140_000];

function clone<T extends Json>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** Every value of the document, the root first; iterative, so that it copes with anything. */
function slots(root: Json): Slot[] {
	const found: Slot[] = [{ value: root }];
	for (let index = 0; index < found.length; index++) {
		const { value } = found[index];
		if (Array.isArray(value)) value.forEach((item, key) => found.push({ container: value, key, value: item }));
		else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) found.push({ container: value, key, value: item });
	}
	return found;
}

/** Every object key used in the document, for mutations that add a field where it was not. */
export function keysOf(root: Json): string[] {
	const keys = new Set<string>();
	for (const { key } of slots(root)) if (typeof key === 'string') keys.add(key);
	return [...keys];
}

export function longString(random: SeededRandom): string {
	const length = random.pick(LONG_LENGTHS);
	const unit = random.pick(['x', '😀', '<', ' ', 'a@', '\n', '9', 'On x wrote:\n']);
	return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** A value of another type than the one it replaces, or an odd one of the same type. */
export function oddValue(random: SeededRandom, donor: () => Json): Json {
	switch (random.int(9)) {
		case 0:
			return random.pick(ODD_STRINGS);
		case 1:
			return random.pick(HUGE_NUMBERS);
		case 2:
			return random.pick([null, true, false]);
		case 3:
			return random.pick<Json>([{}, [], [null], [1, 'a'], { id: {} }, [[]], [{}]]);
		case 4:
			return random.chance(0.3) ? longString(random) : random.pick(ODD_STRINGS);
		case 5:
			return DEEP_MARKER;
		case 6:
			return donor();
		case 7:
			return [donor()];
		default:
			return String(random.pick(HUGE_NUMBERS));
	}
}

function set(slot: Slot, value: Json): void {
	if (slot.container === undefined || slot.key === undefined) return;
	(slot.container as Record<string | number, Json>)[slot.key] = value;
}

/** The same value as another type: a number as text, digits as a number, anything else an odd string. */
function retyped(value: Json, random: SeededRandom): Json {
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return random.pick(ODD_STRINGS);
}

/** Applies one mutation somewhere in the document; returns the new root (the root itself may be replaced). */
function mutateOnce(root: Json, random: SeededRandom, vocabulary: string[]): Json {
	const all = slots(root);
	const slot = random.pick(all);
	const donor = () => clone(random.pick(all).value);
	const operation = random.int(9);
	if (slot.container === undefined) return operation < 2 ? oddValue(random, donor) : root;
	switch (operation) {
		case 0:
		case 1:
		case 2:
			set(slot, oddValue(random, donor));
			break;
		case 3:
			if (Array.isArray(slot.container)) slot.container.splice(slot.key as number, 1);
			else delete slot.container[slot.key as string];
			break;
		case 4: {
			// A field where it does not belong, with an odd value or a piece of the document.
			const objects = all.filter((candidate) => candidate.value !== null && typeof candidate.value === 'object' && !Array.isArray(candidate.value));
			if (objects.length) (random.pick(objects).value as Record<string, Json>)[random.pick(vocabulary)] = oddValue(random, donor);
			break;
		}
		case 5:
			set(slot, retyped(slot.value, random));
			break;
		case 6:
			set(slot, random.pick(HUGE_NUMBERS));
			break;
		case 7:
			set(slot, donor());
			break;
		default:
			// Long strings are costly to build and to parse: rarer than the other mutations.
			set(slot, random.chance(0.3) ? longString(random) : random.pick(ODD_STRINGS));
			break;
	}
	return root;
}

/**
 * Makes a list of the document much longer, last (so that no later mutation grows every
 * copy): past the limits on batches and media, bounded in bytes to keep the run fast.
 */
function lengthenList(root: Json, random: SeededRandom): void {
	const lists = slots(root).filter((slot) => Array.isArray(slot.value) && slot.value.length > 0 && slot.container !== undefined);
	if (lists.length === 0) return;
	const slot = random.pick(lists);
	const element = (slot.value as Json[])[0];
	const copies = Math.min(random.pick([30, 1_100, 12_000]), Math.floor(300_000 / (JSON.stringify(element) ?? 'null').length));
	set(slot, Array.from({ length: copies }, () => element));
}

function deepText(random: SeededRandom): string {
	const depth = random.pick([70, 1_000, 20_000, 100_000]);
	return random.chance(0.5) ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Byte-level damage after serialization: truncation, random bytes, a byte order mark, or nothing. */
export function damageBytes(text: string, random: SeededRandom): Buffer {
	const bytes = Buffer.from(text, 'utf8');
	const choice = random.int(4);
	if (choice === 0) return bytes.subarray(0, random.int(bytes.length + 1));
	if (choice === 1) {
		const copy = Buffer.from(bytes);
		for (let count = 1 + random.int(8); count > 0 && copy.length > 0; count--) copy[random.int(copy.length)] = random.int(256);
		return copy;
	}
	if (choice === 2) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
	return bytes;
}

/** A mutated JSON body: one to four structural mutations, then perhaps a long list, then perhaps byte damage. */
export function mutateJson(seed: Json, random: SeededRandom, vocabulary: string[]): Buffer {
	let root = clone(seed);
	for (let count = 1 + random.int(4); count > 0; count--) root = mutateOnce(root, random, vocabulary);
	if (random.chance(0.04)) lengthenList(root, random);
	// Only the first marker nests deep: copies of it in a long list would make the body gigabytes.
	const [head, ...rest] = JSON.stringify(root).split(JSON.stringify(DEEP_MARKER));
	const text = rest.length ? `${head}${deepText(random)}${rest.join('null')}` : head;
	return random.chance(0.15) ? damageBytes(text, random) : Buffer.from(text, 'utf8');
}

/** A mutated string field holding JSON (Mailgun's message-headers and attachments). */
export function mutateEmbeddedJson(text: string, random: SeededRandom): string {
	let seed: Json;
	try {
		seed = JSON.parse(text) as Json;
	} catch {
		seed = [];
	}
	return mutateJson(seed, random, keysOf(seed).concat(['url', 'content-type', 'name'])).toString('utf8');
}
