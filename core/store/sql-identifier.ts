/** Quotes a schema name for SQL, refusing anything that is not a plain lower-case name. */
export function quoteIdentifier(name: string): string {
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`"${name}" is not a valid schema name: use lower-case letters, digits and _`);
	return `"${name}"`;
}
