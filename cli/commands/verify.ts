import { EXIT, usageError } from '../cli-io';
import { CHANNEL_NAMES, CHANNEL_OPTION, channelAdapter, readBody } from '../channel-option';
import { stringOption, type Command } from '../command';
import { openInputBytes } from '../input-file';

export const verifyCommand: Command = {
	name: 'verify',
	summary: "check a webhook body's signature",
	help: `Usage: n8n-omnichannel verify --channel <${CHANNEL_NAMES}> --secret S [--signature V] [--url URL] [--now UNIX_SECONDS] [FILE|-]

Checks that one webhook body (FILE or stdin, the exact bytes received) was signed with
the secret. Exits 0 when it was; else 1, with the reason on stderr.

Options:
  --channel NAME     which provider sent it
  --secret S         whatsapp, messenger, instagram: the App Secret; twilio: the Auth Token;
                     telegram: the secret_token given to setWebhook; mailgun: the webhook
                     signing key; evolution: the jwt_key; postmark: "user:password"
  --signature V      the header value that carries the proof: X-Hub-Signature-256,
                     X-Twilio-Signature, X-Telegram-Bot-Api-Secret-Token, Authorization
                     (evolution, postmark). Not for mailgun: its signature is in the body.
  --url URL          twilio: the full public URL Twilio called
  --now SECONDS      the clock, in Unix seconds, for mailgun's replay window and
                     evolution's token expiry (default: now)`,
	options: { ...CHANNEL_OPTION, secret: { type: 'string' }, signature: { type: 'string' }, url: { type: 'string' }, now: { type: 'string' } },
	async run({ values, positionals }, io) {
		if (positionals.length > 1) throw usageError(`one input file at most, got ${positionals.length}`);
		const adapter = channelAdapter(values);
		const secret = stringOption(values, 'secret');
		if (secret === undefined) throw usageError('--secret is required');
		const nowText = stringOption(values, 'now');
		if (nowText !== undefined && !/^\d+$/.test(nowText)) throw usageError(`--now takes Unix seconds, got "${nowText}"`);
		const body = await readBody(await openInputBytes(positionals[0], io.stdin));
		const verdict = adapter.verify({
			body,
			secret,
			signature: stringOption(values, 'signature'),
			url: stringOption(values, 'url'),
			now: nowText === undefined ? undefined : Number(nowText),
		});
		if (verdict.valid) return EXIT.ok;
		io.stderr.write(`${verdict.reason}\n`);
		return EXIT.failure;
	},
};
