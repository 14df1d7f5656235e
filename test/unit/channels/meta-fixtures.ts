import { readFileSync } from 'fs';
import path from 'path';
import { canonicalEventSchema, type CanonicalEvent } from '../../../core/model';
import { SHARED_CHANNEL_FIXTURES as SHARED_FIXTURES } from '../../support/shared-fixtures';
export { SHARED_FIXTURES };

/** Fixtures added for the Meta adapters (cases the shared ones do not cover). */
export const LOCAL_FIXTURES = path.resolve(__dirname, '../../fixtures/channels');

interface SharedSignatures {
	files: Record<string, { header: string; secret?: string; value: string | null }>;
	test_secrets: Record<string, string>;
}

interface LocalSignatures {
	secret: string;
	files: Record<string, { header: string; value: string }>;
}

export function sharedFixture(name: string): Buffer {
	return readFileSync(path.join(SHARED_FIXTURES, name));
}

export function localFixture(name: string): Buffer {
	return readFileSync(path.join(LOCAL_FIXTURES, name));
}

/** The secret and expected `X-Hub-Signature-256` of a shared fixture, from signatures.json. */
export function sharedSignature(name: string): { secret: string; signature: string } {
	const signatures = JSON.parse(readFileSync(path.join(SHARED_FIXTURES, 'signatures.json'), 'utf8')) as SharedSignatures;
	const file = signatures.files[name];
	if (!file?.secret || !file.value) throw new Error(`${name} has no signature in signatures.json`);
	return { secret: signatures.test_secrets[file.secret], signature: file.value };
}

/** The secret and expected signature of a local fixture, from meta-signatures.json. */
export function localSignature(name: string): { secret: string; signature: string } {
	const signatures = JSON.parse(readFileSync(path.join(LOCAL_FIXTURES, 'meta-signatures.json'), 'utf8')) as LocalSignatures;
	const file = signatures.files[name];
	if (!file) throw new Error(`${name} has no signature in meta-signatures.json`);
	return { secret: signatures.secret, signature: file.value };
}

/** Parses every event with the canonical schema (throws on the first invalid one) and returns them. */
export function expectCanonical(events: CanonicalEvent[]): CanonicalEvent[] {
	for (const event of events) {
		expect(canonicalEventSchema.parse(event)).toEqual(event);
		expect(event.id).toBe(`${event.channel}:${event.account}:${event.externalId}`);
		expect(event.provider).toBe('meta');
	}
	return events;
}
