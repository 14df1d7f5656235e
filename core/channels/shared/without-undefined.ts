/** The object without its undefined fields, so that events and payloads carry only what is known. */
export function withoutUndefined<T extends object>(value: T): T {
	// A loop that adds the fields one by one: several times faster than Object.fromEntries over the entries.
	const result = {} as Record<string, unknown>;
	for (const key in value) if (value[key] !== undefined) result[key] = value[key];
	return result as T;
}
