import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const CHANNEL_FIXTURES = join(__dirname, '../../fixtures/channels');

/** A documented provider answer from test/fixtures/channels, e.g. `twilio/api/message-queued.json`. */
export function providerFixture<T = Record<string, unknown>>(file: string): T {
	return JSON.parse(readFileSync(join(CHANNEL_FIXTURES, file), 'utf8')) as T;
}
