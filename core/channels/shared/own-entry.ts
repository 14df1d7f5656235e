/**
 * The value a lookup table holds for a key read from a webhook, never one every object
 * inherits: a status of "constructor" or "toString" must find nothing, not a function.
 */
export function ownEntry<Value>(table: Readonly<Record<string, Value>>, key: string): Value | undefined {
	return Object.hasOwn(table, key) ? table[key] : undefined;
}
