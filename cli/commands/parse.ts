import { EXIT, failure, usageError, write } from '../cli-io';
import { CHANNEL_NAMES, CHANNEL_OPTION, channelAdapter, readBody } from '../channel-option';
import { stringOption, type Command } from '../command';
import { openInputBytes } from '../input-file';

export const parseCommand: Command = {
	name: 'parse',
	summary: 'print the canonical events of one webhook body',
	help: `Usage: n8n-omnichannel parse --channel <${CHANNEL_NAMES}> [--account ID] [--raw] [--echoes] [FILE|-]

Reads one webhook body from FILE (or stdin) exactly as the provider sent it (JSON, or a
form body for twilio and mailgun) and prints its canonical events, one JSON per line.

Options:
  --channel NAME  which provider sent it
  --account ID    our account, for bodies that never name it: required for telegram, whose
                  updates don't say which bot they went to (the bot id is the part of its
                  token before the colon)
  --raw           keep the provider's payload of each event in "raw"
  --echoes        include our own messages echoed back by the provider

Exit status: 0 done (a body with no events prints nothing), 1 when the body is not the
provider's or FILE can't be read, 2 on a usage error.`,
	options: { ...CHANNEL_OPTION, account: { type: 'string' }, raw: { type: 'boolean' }, echoes: { type: 'boolean' } },
	async run({ values, positionals }, io) {
		if (positionals.length > 1) throw usageError(`one input file at most, got ${positionals.length}`);
		const adapter = channelAdapter(values);
		const account = stringOption(values, 'account');
		if (adapter.accountToGive && !account?.trim()) throw usageError(`--account is required for ${adapter.name}: give ${adapter.accountToGive}`);
		const body = await readBody(await openInputBytes(positionals[0], io.stdin));
		let events;
		try {
			events = adapter.parse(body, { includeRaw: values.raw === true, includeEchoes: values.echoes === true, account });
		} catch (error) {
			throw failure((error as Error).message);
		}
		if (events.length) await write(io.stdout, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`);
		return EXIT.ok;
	},
};
