/**
 * Webhook intake throughput per provider: verify the signature and parse the body into
 * canonical events, next to the floor of merely decoding the same body (JSON.parse, or
 * URLSearchParams for form bodies), and the ratio between them.
 *
 *   npm run bench:channels [-- --seconds 1]
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { inboundAdapter } from '../core/channels/registry';
import type { ParseOptions, VerifyInput } from '../core/channels/types';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '1' } } });
const SECONDS = Number(args.seconds);

const SHARED = join(__dirname, '../../shared/fixtures/channels');
const LOCAL = join(__dirname, '../test/fixtures/channels');
const signatures = JSON.parse(readFileSync(join(SHARED, 'signatures.json'), 'utf8')) as {
	files: Record<string, { value: string | null; url?: string }>;
	test_secrets: Record<string, string>;
};
const secrets = signatures.test_secrets;

interface Case {
	adapter: string;
	file: string;
	body: Buffer;
	proof: Omit<VerifyInput, 'body'>;
	/** What the trigger knows and the body doesn't say: the Telegram bot it belongs to. */
	options?: ParseOptions;
}

const sharedCase = (adapter: string, file: string, secret: string): Case => ({
	adapter,
	file,
	body: readFileSync(join(SHARED, file)),
	proof: { secret, signature: signatures.files[file].value ?? undefined, url: signatures.files[file].url },
});

function evolutionToken(key: string): string {
	const b64 = (value: object | Buffer) => Buffer.from(value instanceof Buffer ? value : JSON.stringify(value)).toString('base64url');
	const iat = Math.floor(Date.now() / 1000);
	const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat, exp: iat + 600, app: 'evolution', action: 'webhook' })}`;
	return `Bearer ${unsigned}.${b64(createHmac('sha256', key).update(unsigned).digest())}`;
}

const CASES: Case[] = [
	sharedCase('whatsapp', 'whatsapp-text.json', secrets.META_APP_SECRET),
	sharedCase('whatsapp', 'whatsapp-status.json', secrets.META_APP_SECRET),
	sharedCase('messenger', 'messenger-text.json', secrets.META_APP_SECRET),
	sharedCase('instagram', 'instagram-text.json', secrets.META_APP_SECRET),
	{ ...sharedCase('telegram', 'telegram-text.json', secrets.TELEGRAM_SECRET_TOKEN), options: { account: '7000000001' } },
	sharedCase('twilio', 'twilio-sms.form', secrets.TWILIO_AUTH_TOKEN),
	sharedCase('twilio', 'twilio-sms-status.form', secrets.TWILIO_AUTH_TOKEN),
	{
		adapter: 'evolution',
		file: 'evolution-messages-upsert.json',
		body: readFileSync(join(SHARED, 'evolution-messages-upsert.json')),
		proof: { secret: 'jwt-key', signature: evolutionToken('jwt-key') },
	},
	{
		adapter: 'postmark',
		file: 'email-inbound-postmark.json',
		body: readFileSync(join(SHARED, 'email-inbound-postmark.json')),
		proof: { secret: 'user:pass', signature: `Basic ${Buffer.from('user:pass').toString('base64')}` },
	},
	{
		adapter: 'mailgun',
		file: 'mailgun/route-forward.form',
		body: readFileSync(join(LOCAL, 'mailgun/route-forward.form')),
		proof: { secret: 'key-test-mailgun-signing-0123456789abcdef', now: Number(new URLSearchParams(readFileSync(join(LOCAL, 'mailgun/route-forward.form'), 'utf8')).get('timestamp')) + 1 },
	},
];

/** Runs `work` over and over for about SECONDS; returns calls per second. */
function rate(work: () => number): { perSecond: number; eventsPerCall: number } {
	let calls = 0;
	let events = 0;
	const deadline = process.hrtime.bigint() + BigInt(Math.round(SECONDS * 1e9));
	const started = process.hrtime.bigint();
	while (process.hrtime.bigint() < deadline) {
		for (let i = 0; i < 100; i++) events += work();
		calls += 100;
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { perSecond: calls / seconds, eventsPerCall: events / calls };
}

console.log(`Webhook intake benchmark: verify + parse per webhook body, ${SECONDS} s per measurement\n`);
console.log(`${'provider'.padEnd(10)} ${'body'.padEnd(32)} ${'verify+parse/s'.padStart(15)} ${'events/s'.padStart(10)} ${'decode only/s'.padStart(14)}  ratio`);
for (const { adapter: name, file, body, proof, options } of CASES) {
	const adapter = inboundAdapter(name)!;
	const verdict = adapter.verify({ body, ...proof });
	if (!verdict.valid) throw new Error(`${file}: the benchmark's proof is not valid: ${verdict.reason}`);
	const intake = rate(() => {
		adapter.verify({ body, ...proof });
		return adapter.parse(body, options).length;
	});
	const decode = rate(() => {
		if (adapter.bodyFormat === 'form') new URLSearchParams(body.toString('utf8'));
		else JSON.parse(body.toString('utf8'));
		return 0;
	});
	console.log(
		`${name.padEnd(10)} ${file.padEnd(32)} ${intake.perSecond.toFixed(0).padStart(15)} ${(intake.perSecond * intake.eventsPerCall).toFixed(0).padStart(10)} ${decode.perSecond.toFixed(0).padStart(14)}  ${(decode.perSecond / intake.perSecond).toFixed(1)}x slower than decoding`,
	);
}
console.log('\n"decode only" is JSON.parse of the same bytes (URLSearchParams for form bodies): the floor of any intake.');
