import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalEventSchema } from '../../core';
import { cli, jsonLines } from './cli-harness';
import { SHARED_CHANNEL_FIXTURES as SHARED } from '../support/shared-fixtures';

const LOCAL = join(__dirname, '../fixtures/channels');
const signatures = JSON.parse(readFileSync(join(SHARED, 'signatures.json'), 'utf8')) as {
	files: Record<string, { header: string; secret: string; value: string | null; url?: string }>;
	test_secrets: Record<string, string>;
};
const CHANNEL_OF: Record<string, string> = { whatsapp: 'whatsapp', messenger: 'messenger', instagram: 'instagram', telegram: 'telegram', twilio: 'twilio', email: 'postmark', evolution: 'evolution' };
const channelOf = (file: string) => CHANNEL_OF[file.split('-')[0]];
const signed = Object.entries(signatures.files).filter(([, entry]) => entry.value);
const secretOf = (entry: { secret: string }) => signatures.test_secrets[entry.secret.split(' ')[0]];

describe('n8n-omnichannel parse', () => {
	it.each(Object.keys(signatures.files))('prints the canonical events of %s, one JSON per line', async (file) => {
		// Telegram's updates never name the bot: --account gives its id.
		const account = channelOf(file) === 'telegram' ? ['--account', '7000000001'] : [];
		const run = await cli(['parse', '--channel', channelOf(file), ...account, join(SHARED, file)]);
		expect(run.code).toBe(0);
		const events = jsonLines(run);
		for (const event of events) expect(canonicalEventSchema.safeParse(event).success).toBe(true);
		if (!file.includes('update')) expect(events.length).toBeGreaterThan(0);
	});

	it('reads form bodies from stdin for twilio and mailgun, and keeps the raw payload when asked', async () => {
		const twilio = await cli(['parse', '--channel', 'twilio', '--raw', '-'], readFileSync(join(SHARED, 'twilio-sms.form'), 'utf8'));
		expect(jsonLines(twilio)[0]).toMatchObject({ channel: 'sms', provider: 'twilio', from: { identities: [{ kind: 'phone' }] }, raw: expect.anything() });
		const mailgun = await cli(['parse', '--channel', 'mailgun'], readFileSync(join(LOCAL, 'mailgun/route-forward.form'), 'utf8'));
		expect(jsonLines(mailgun)[0]).toMatchObject({ channel: 'email', provider: 'mailgun', thread: { inReplyTo: expect.any(String) } });
	});

	it('fails with exit 1 and the reason for a body that is not the provider’s, and 2 for an unknown channel', async () => {
		const wrong = await cli(['parse', '--channel', 'whatsapp', join(SHARED, 'telegram-text.json')]);
		expect(wrong.code).toBe(1);
		expect(wrong.stderr).toContain('WhatsApp');
		const unknown = await cli(['parse', '--channel', 'fax', join(SHARED, 'telegram-text.json')]);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('whatsapp|evolution|messenger|instagram|telegram|twilio|postmark|mailgun');
	});

	it('asks for --account for telegram, whose updates never name the bot, and keys the events with it', async () => {
		const without = await cli(['parse', '--channel', 'telegram', join(SHARED, 'telegram-text.json')]);
		expect(without.code).toBe(2);
		expect(without.stderr).toContain("--account is required for telegram: give the bot's id (the part of its token before the colon)");
		const run = await cli(['parse', '--channel', 'telegram', '--account', '7000000001', join(SHARED, 'telegram-text.json')]);
		expect(jsonLines(run)[0]).toMatchObject({ id: 'telegram:7000000001:5550001234:42', account: '7000000001' });
	});

	it('fails with exit 1 and our words for a body past a limit', async () => {
		const sms = readFileSync(join(SHARED, 'twilio-mms.form'), 'utf8').replace('NumMedia=1', 'NumMedia=99999999999');
		const run = await cli(['parse', '--channel', 'twilio', '-'], sms);
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('Twilio: NumMedia is 99999999999; the limit is 100 media per message');
		expect(run.stdout).toBe('');
	});
});

describe('n8n-omnichannel verify', () => {
	it.each(signed)('accepts %s with its secret and expected signature', async (file, entry) => {
		const args = ['verify', '--channel', channelOf(file), '--secret', secretOf(entry), '--signature', entry.value!, join(SHARED, file)];
		const run = await cli(entry.url ? [...args, '--url', entry.url] : args);
		expect(run).toMatchObject({ code: 0, stderr: '' });
	});

	// Telegram's proof is a shared secret in a header, not a signature of the body.
	it.each(signed.filter(([file]) => !file.startsWith('telegram')))('refuses %s when one byte changed, saying why', async (file, entry) => {
		const body = readFileSync(join(SHARED, file), 'utf8').replace(/e/, 'E');
		const args = ['verify', '--channel', channelOf(file), '--secret', secretOf(entry), '--signature', entry.value!, '-'];
		const run = await cli(entry.url ? [...args, '--url', entry.url] : args, body);
		expect(run.code).toBe(1);
		expect(run.stderr.trim().length).toBeGreaterThan(0);
	});

	it('refuses a missing signature and a wrong secret', async () => {
		const file = join(SHARED, 'whatsapp-text.json');
		const missing = await cli(['verify', '--channel', 'whatsapp', '--secret', signatures.test_secrets.META_APP_SECRET, file]);
		expect(missing.code).toBe(1);
		const entry = signatures.files['whatsapp-text.json'];
		const wrong = await cli(['verify', '--channel', 'whatsapp', '--secret', 'not-the-secret', '--signature', entry.value!, file]);
		expect(wrong.code).toBe(1);
	});

	it("checks Mailgun's signature from the body, within its replay window set by --now", async () => {
		const key = 'key-test-mailgun-signing-0123456789abcdef';
		const file = join(LOCAL, 'mailgun/route-forward.form');
		const timestamp = Number(new URLSearchParams(readFileSync(file, 'utf8')).get('timestamp'));
		expect((await cli(['verify', '--channel', 'mailgun', '--secret', key, '--now', String(timestamp + 60), file])).code).toBe(0);
		const stale = await cli(['verify', '--channel', 'mailgun', '--secret', key, '--now', String(timestamp + 3600), file]);
		expect(stale.code).toBe(1);
		expect(stale.stderr).toMatch(/old|stale|replay/i);
	});

	it("checks Evolution's HS256 token", async () => {
		const b64 = (value: object | Buffer) => Buffer.from(value instanceof Buffer ? value : JSON.stringify(value)).toString('base64url');
		const iat = 1_790_000_000;
		const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat, exp: iat + 600, app: 'evolution', action: 'webhook' })}`;
		const token = `${unsigned}.${b64(createHmac('sha256', 'jwt-key').update(unsigned).digest())}`;
		const file = join(SHARED, 'evolution-messages-upsert.json');
		expect((await cli(['verify', '--channel', 'evolution', '--secret', 'jwt-key', '--signature', `Bearer ${token}`, '--now', String(iat + 10), file])).code).toBe(0);
		expect((await cli(['verify', '--channel', 'evolution', '--secret', 'jwt-key', '--signature', `Bearer ${token}`, '--now', String(iat + 7200), file])).code).toBe(1);
	});

	it("refuses Postmark's empty Basic credentials, saying what to set", async () => {
		const run = await cli(['verify', '--channel', 'postmark', '--secret', ':', '--signature', 'Basic Og==', join(SHARED, 'email-inbound-postmark.json')]);
		expect(run).toMatchObject({ code: 1, stderr: expect.stringContaining('empty user or password; set both') });
	});

	it('needs --secret and a numeric --now', async () => {
		expect((await cli(['verify', '--channel', 'telegram', join(SHARED, 'telegram-text.json')])).code).toBe(2);
		expect((await cli(['verify', '--channel', 'telegram', '--secret', 'x', '--now', 'yesterday', join(SHARED, 'telegram-text.json')])).code).toBe(2);
	});
});
