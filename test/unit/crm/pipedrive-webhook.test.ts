import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PayloadError } from '../../../core/channels/shared/payload-error';
import { parsePipedriveWebhook, verifyPipedriveBasicAuth } from '../../../core/crm/pipedrive/webhook';

const fixtureText = readFileSync(path.resolve(__dirname, '../../fixtures/crm/pipedrive/webhook-v2-person-change.payload.json'), 'utf8');
const fixture = () => JSON.parse(fixtureText) as { meta: Record<string, unknown>; data: Record<string, unknown> | null; previous: Record<string, unknown> | null };
const parse = (body: unknown) => parsePipedriveWebhook(Buffer.from(JSON.stringify(body)));
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Pipedrive basic auth', () => {
	const credential = { user: 'pipedrive-hook', password: 'p4ss:word' };

	it('accepts the user and password set on the webhook (a colon in the password included)', () => {
		expect(verifyPipedriveBasicAuth({ ...credential, authorization: basic('pipedrive-hook', 'p4ss:word') })).toEqual({ valid: true });
	});

	it('refuses a wrong password, a wrong user, no header or another scheme, without repeating the password', () => {
		const verdicts = [
			verifyPipedriveBasicAuth({ ...credential, authorization: basic('pipedrive-hook', 'guess') }),
			verifyPipedriveBasicAuth({ ...credential, authorization: basic('someone', 'p4ss:word') }),
			verifyPipedriveBasicAuth({ ...credential }),
			verifyPipedriveBasicAuth({ ...credential, authorization: 'Bearer p4ss:word' }),
		];
		expect(verdicts.map((verdict) => verdict.valid)).toEqual([false, false, false, false]);
		expect(JSON.stringify(verdicts)).not.toContain('p4ss');
	});

	it('refuses everything while the credential has no password', () => {
		expect(verifyPipedriveBasicAuth({ user: 'pipedrive-hook', password: '', authorization: basic('pipedrive-hook', '') }).valid).toBe(false);
	});
});

describe('Pipedrive webhooks v2 about persons', () => {
	it('reads a changed phone as the new phone of that person, and leaves the unchanged e-mails out', () => {
		expect(parsePipedriveWebhook(fixtureText)).toEqual([
			{
				crm: 'pipedrive',
				type: 'identifiers-changed',
				recordId: '1042',
				emails: [],
				phones: ['+5511987654321'],
				occurredAt: '2025-06-02T12:31:10.000Z',
				deliveryId: 'pipedrive:12882925:1:identifiers',
			},
		]);
	});

	it('counts a value as new only when previous did not have it (e-mails without case, phones by digits)', () => {
		const body = fixture();
		body.data!.emails = [{ value: 'Maria.Silva@example.com' }, { value: 'maria@work.example' }];
		body.data!.phones = [{ value: '+55 11 98765-4321' }];
		body.previous = { emails: [{ value: 'maria.silva@example.com' }], phones: [{ value: '+5511987654321' }] };
		expect(parse(body)).toEqual([expect.objectContaining({ emails: ['maria@work.example'], phones: [] })]);
	});

	it('reads a change that names merge_what_id as that person merged into this one', () => {
		const body = fixture();
		body.data = { ...body.data, merge_what_id: 977 };
		body.previous = { merge_what_id: null };
		expect(parse(body)).toEqual([expect.objectContaining({ type: 'merged', recordId: '1042', mergedRecordIds: ['977'], deliveryId: 'pipedrive:12882925:1:merge' })]);
	});

	it('reads a delete as a deletion, never a privacy one', () => {
		const body = { ...fixture(), meta: { ...fixture().meta, action: 'delete', id: 2 }, data: null, previous: { id: 1042, name: 'Maria Silva' } };
		expect(parse(body)).toEqual([expect.objectContaining({ type: 'deleted', recordId: '1042', privacy: false })]);
	});

	it('has nothing for other objects, for new persons and for changes of other fields', () => {
		expect(parse({ ...fixture(), meta: { ...fixture().meta, entity: 'deal' } })).toEqual([]);
		expect(parse({ ...fixture(), meta: { ...fixture().meta, action: 'create' }, previous: null })).toEqual([]);
		expect(parse({ ...fixture(), previous: { name: 'Maria S.' } })).toEqual([]);
	});

	it('keeps the delivery id across retries: meta.id, else a hash of the body without meta.attempt', () => {
		const withoutId = fixture();
		delete withoutId.meta.id;
		const [first] = parse(withoutId);
		const [retry] = parse({ ...withoutId, meta: { ...withoutId.meta, attempt: 2 } });
		expect(first.deliveryId).toMatch(/^pipedrive:sha256:[0-9a-f]{64}:identifiers$/);
		expect(retry.deliveryId).toBe(first.deliveryId);
		const [again] = parse({ ...fixture(), meta: { ...fixture().meta, attempt: 3 } });
		expect(again.deliveryId).toBe('pipedrive:12882925:1:identifiers');
	});

	it('refuses a webhook of version 1.0 and a body that is not one, saying what to do', () => {
		expect(() => parse({ v: 1, event: 'updated.person', current: {}, previous: {}, meta: {} })).toThrow(new PayloadError('Pipedrive', 'this is a webhook of version 1.0; create the webhook with version 2.0'));
		expect(() => parse({ data: {} })).toThrow(/meta is missing/);
	});
});
