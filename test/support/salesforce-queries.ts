/**
 * How the Salesforce stand-in reads the SOQL and SOSL the adapter sends: strictly, the way
 * Salesforce's parser would, so that a literal that is not escaped breaks the query (400
 * MALFORMED_QUERY) instead of being read as the value it should have been.
 */

export interface EmailQuery {
	fields: string[];
	object: 'Contact' | 'Lead';
	emails: string[];
	openLeadsOnly: boolean;
	limit: number;
}

export interface PhoneSearch {
	terms: string[];
	returning: Array<{ object: string; fields: string[]; openLeadsOnly: boolean }>;
}

const SOQL_ESCAPES: Record<string, string> = { n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f', '"': '"', "'": "'", '\\': '\\' };

/** Reads a quoted SOQL literal at `start`; returns the value and where the literal ends. */
function readLiteral(text: string, start: number): { value: string; end: number } {
	if (text[start] !== "'") throw new Error(`expected a quoted value at ${start}`);
	let value = '';
	for (let index = start + 1; index < text.length; index++) {
		const character = text[index];
		if (character === '\\') {
			const escaped = SOQL_ESCAPES[text[index + 1]];
			if (escaped === undefined) throw new Error(`invalid escape sequence \\${text[index + 1]}`);
			value += escaped;
			index++;
		} else if (character === "'") {
			return { value, end: index + 1 };
		} else {
			value += character;
		}
	}
	throw new Error('unterminated quoted string');
}

/** SELECT <fields> FROM <object> WHERE Email IN ('…', …) [AND IsConverted = false] ORDER BY LastModifiedDate DESC LIMIT n */
export function parseEmailQuery(soql: string): EmailQuery {
	const head = /^SELECT ([A-Za-z0-9_, ]+) FROM (Contact|Lead) WHERE Email IN \(/.exec(soql);
	if (!head) throw new Error(`unexpected query: ${soql}`);
	const emails: string[] = [];
	let position = head[0].length;
	for (;;) {
		const literal = readLiteral(soql, position);
		emails.push(literal.value);
		position = literal.end;
		if (soql.startsWith(', ', position)) position += 2;
		else if (soql[position] === ')') break;
		else throw new Error(`unexpected token at ${position}: ${soql.slice(position, position + 20)}`);
	}
	const tail = /^\)( AND IsConverted = false)? ORDER BY LastModifiedDate DESC LIMIT (\d+)$/.exec(soql.slice(position));
	if (!tail) throw new Error(`unexpected token after the e-mails: ${soql.slice(position)}`);
	return { fields: head[1].split(',').map((field) => field.trim()), object: head[2] as EmailQuery['object'], emails, openLeadsOnly: Boolean(tail[1]), limit: Number(tail[2]) };
}

const SOSL_RESERVED = new Set('?&|!{}[]()^~*:\\"\'+-'.split(''));

/** The terms of FIND {a OR b}, unescaped; a reserved character left bare is a malformed search. */
function searchTerms(text: string): string[] {
	return text.split(' OR ').map((term) => {
		let value = '';
		for (let index = 0; index < term.length; index++) {
			if (term[index] === '\\') value += term[++index];
			else if (SOSL_RESERVED.has(term[index])) throw new Error(`reserved character ${term[index]} not escaped in "${term}"`);
			else value += term[index];
		}
		return value;
	});
}

/** FIND {…} IN PHONE FIELDS RETURNING Contact(f, … [WHERE IsConverted = false] ORDER BY … LIMIT n), … */
export function parsePhoneSearch(sosl: string): PhoneSearch {
	const match = /^FIND \{((?:\\.|[^\\}])*)\} IN PHONE FIELDS RETURNING (.+)$/.exec(sosl);
	if (!match) throw new Error(`unexpected search: ${sosl}`);
	const returning = [...match[2].matchAll(/(\w+)\(([A-Za-z0-9_, ]+?)( WHERE IsConverted = false)? ORDER BY LastModifiedDate DESC LIMIT \d+\)(?:, |$)/g)].map((part) => ({
		object: part[1],
		fields: part[2].split(',').map((field) => field.trim()),
		openLeadsOnly: Boolean(part[3]),
	}));
	if (returning.length === 0) throw new Error(`unexpected RETURNING clause: ${match[2]}`);
	return { terms: searchTerms(match[1]), returning };
}
