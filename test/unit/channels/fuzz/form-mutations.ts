import { damageBytes, longString, mutateEmbeddedJson, ODD_STRINGS } from './json-mutations';
import type { SeededRandom } from './seeded-random';

type Pair = [name: string, value: string];

const HUGE_COUNTS = ['99999999999', '1e3', '-1', '10', '11', '101', 'abc', '', ' 5', '0x10', '9'.repeat(400)];

const BAD_ESCAPES = ['%', '%ZZ', '%E0%A4%A', '%C0%AF', '%00', '&&&', '==', '&=&', '+%2B+'];

/** Fields the Twilio and Mailgun parsers read; added where absent to reach their code paths. */
export const FORM_VOCABULARY = [
	'NumMedia',
	'MediaUrl0',
	'MediaContentType0',
	'MediaUrl9',
	'MediaUrl99',
	'Latitude',
	'Longitude',
	'Label',
	'Address',
	'ButtonPayload',
	'ButtonText',
	'ListId',
	'ListTitle',
	'OptOutType',
	'MessageStatus',
	'MessageSid',
	'SmsSid',
	'CallSid',
	'CallStatus',
	'Direction',
	'ErrorCode',
	'ErrorMessage',
	'RawDlrDoneDate',
	'Timestamp',
	'CallDuration',
	'ProfileName',
	'From',
	'To',
	'Body',
	'from',
	'sender',
	'recipient',
	'subject',
	'body-plain',
	'stripped-text',
	'message-headers',
	'attachments',
	'Message-Id',
	'In-Reply-To',
	'References',
	'Date',
	'timestamp',
];

function looksLikeJson(value: string): boolean {
	return /^\s*[[{]/.test(value);
}

function oddFieldValue(random: SeededRandom, current: string | undefined): string {
	if (current !== undefined && looksLikeJson(current) && random.chance(0.6)) return mutateEmbeddedJson(current, random);
	switch (random.int(5)) {
		case 0:
			return random.pick(HUGE_COUNTS);
		case 1:
			return random.chance(0.3) ? longString(random) : random.pick(ODD_STRINGS);
		case 2:
			return mutateEmbeddedJson(random.pick(['[["From", "a@b.c"]]', '[{"url": "https://x", "content-type": "image/png", "name": "a.png"}]']), random);
		default:
			return random.pick(ODD_STRINGS);
	}
}

function mutateOnce(pairs: Pair[], random: SeededRandom): Pair[] {
	const index = random.int(pairs.length);
	switch (random.int(8)) {
		case 0:
			return pairs.filter((_, position) => position !== index);
		case 1:
			return pairs.length ? [...pairs, pairs[index]] : pairs;
		case 2:
			return [...pairs, ['NumMedia', random.pick(HUGE_COUNTS)] as Pair].filter(([name], position, all) => name !== 'NumMedia' || position === all.length - 1);
		case 3:
			return [...pairs, [random.pick(FORM_VOCABULARY), oddFieldValue(random, undefined)]];
		case 4:
			return pairs.map(([name, value], position) => (position === index ? [random.pick(FORM_VOCABULARY), value] : [name, value]));
		default:
			return pairs.map(([name, value], position) => (position === index ? [name, oddFieldValue(random, value)] : [name, value]));
	}
}

/** A mutated form body: field mutations, then perhaps bad escapes or byte damage. */
export function mutateForm(seed: string, random: SeededRandom): Buffer {
	let pairs = [...new URLSearchParams(seed)] as Pair[];
	for (let count = 1 + random.int(4); count > 0; count--) pairs = mutateOnce(pairs, random);
	let text = new URLSearchParams(pairs).toString();
	if (random.chance(0.1)) {
		const at = random.int(text.length + 1);
		text = `${text.slice(0, at)}${random.pick(BAD_ESCAPES)}${text.slice(at)}`;
	}
	return random.chance(0.1) ? damageBytes(text, random) : Buffer.from(text, 'utf8');
}
