/** One `name=value` pair of an `application/x-www-form-urlencoded` body, decoded, in the order received. */
export type FormPair = [name: string, value: string];

/** A decoded form body: every pair in order (signatures need all of them) and the first value of each name. */
export interface FormBody {
	pairs: FormPair[];
	fields: Record<string, string>;
}

/** Decodes an `application/x-www-form-urlencoded` body (`+` is a space, `%XX` escapes) keeping every pair. */
export function parseFormBody(body: Buffer | string): FormBody {
	const text = typeof body === 'string' ? body : body.toString('utf8');
	const pairs: FormPair[] = [];
	const fields: Record<string, string> = {};
	for (const [name, value] of new URLSearchParams(text.trim())) {
		pairs.push([name, value]);
		if (!(name in fields)) fields[name] = value;
	}
	return { pairs, fields };
}
