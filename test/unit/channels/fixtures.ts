import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalEventSchema, eventKey, type CanonicalEvent } from '../../../core/model';
import { SHARED_CHANNEL_FIXTURES as SHARED_FIXTURES } from '../../support/shared-fixtures';

/** Fixtures of this repository for cases the shared ones do not cover. */
export const LOCAL_FIXTURES = path.resolve(__dirname, '../../fixtures/channels');

export function sharedFixture(name: string): Buffer {
	return readFileSync(path.join(SHARED_FIXTURES, name));
}

export function localFixture(name: string): Buffer {
	return readFileSync(path.join(LOCAL_FIXTURES, name));
}

interface SignedFile {
	header: string;
	value: string | null;
	secret?: string;
	url?: string;
}

const signatures = JSON.parse(sharedFixture('signatures.json').toString('utf8')) as {
	files: Record<string, SignedFile>;
	test_secrets: Record<string, string>;
};

/** The expected signature of a shared fixture, with its test secret and signed URL. */
export function signedFile(name: string): { value: string; secret: string; url?: string } {
	const file = signatures.files[name];
	if (!file?.value || !file.secret) throw new Error(`${name} has no expected signature in signatures.json`);
	return { value: file.value, secret: signatures.test_secrets[file.secret.split(' ')[0]], url: file.url };
}

/** Asserts that every event passes the canonical schema and is known by its key, and returns them. */
export function expectCanonical(events: CanonicalEvent[]): CanonicalEvent[] {
	for (const event of events) {
		expect(() => canonicalEventSchema.parse(event)).not.toThrow();
		expect(event.id).toBe(eventKey(event));
	}
	return events;
}
