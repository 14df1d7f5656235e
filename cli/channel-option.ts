import { INBOUND_ADAPTERS, inboundAdapter } from '../core/channels/registry';
import type { InboundAdapter } from '../core/channels/types';
import { usageError } from './cli-io';
import { stringOption, type OptionValues } from './command';

export const CHANNEL_NAMES = Object.keys(INBOUND_ADAPTERS).join('|');

export const CHANNEL_OPTION = { channel: { type: 'string' as const } };

/** The adapter `--channel` names, or a usage error listing the valid names. */
export function channelAdapter(values: OptionValues): InboundAdapter {
	const name = stringOption(values, 'channel');
	if (!name) throw usageError(`--channel is required: one of ${CHANNEL_NAMES}`);
	const adapter = inboundAdapter(name);
	if (!adapter) throw usageError(`unknown channel "${name}": use one of ${CHANNEL_NAMES}`);
	return adapter;
}

/** Every byte of FILE or stdin, exactly as received: signatures are computed over them. */
export async function readBody(input: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	return Buffer.concat(chunks);
}
