/**
 * Where the quoted history of an email reply starts: the attribution line written by the
 * replying client ("On <date>, <name> wrote:", and its Portuguese, Spanish, French and
 * German forms, sometimes wrapped over two lines), Outlook's separators, and the
 * signature delimiter "-- ".
 */
const ATTRIBUTION = /^(on|em|el|le|am)\s.*\b(wrote|escreveu|escribió|a écrit|schrieb)\s*:\s*$/i;
const ATTRIBUTION_START = /^(on|em|el|le|am)\s/i;
const ORIGINAL_MESSAGE = /^-{2,}\s*(original message|mensagem original|mensaje original)\s*-{2,}\s*$/i;
const OUTLOOK_RULE = /^_{20,}\s*$/;
const SIGNATURE = /^--\s?$/;

function startsHistory(line: string, next: string | undefined): boolean {
	const trimmed = line.trim();
	if (ATTRIBUTION.test(trimmed)) return true;
	if (ATTRIBUTION_START.test(trimmed) && next !== undefined && ATTRIBUTION.test(`${trimmed} ${next.trim()}`)) return true;
	return ORIGINAL_MESSAGE.test(trimmed) || OUTLOOK_RULE.test(trimmed) || SIGNATURE.test(line.replace(/\r$/, ''));
}

/**
 * The new text of an email reply, without the quoted history: everything from the first
 * attribution line, separator or signature delimiter on is dropped, and so is every line
 * quoted with ">" (answers written between quoted lines are kept).
 */
export function stripQuotedReply(text: string): string {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	const kept: string[] = [];
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index];
		if (startsHistory(line, lines[index + 1])) break;
		if (/^\s*>/.test(line)) continue;
		kept.push(line);
	}
	return kept.join('\n').trim();
}
