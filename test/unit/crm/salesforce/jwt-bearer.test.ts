import { generateKeyPairSync } from 'node:crypto';
import { exchangeJwtForSession, salesforceLoginUrl } from '../../../../core/crm/salesforce';
import { CrmError } from '../../../../core/crm/types';
import { AxiosHttpClient } from '../../../support/axios-http-client';
import { useSalesforceApi, TOKEN } from './salesforce-setup';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const app = { clientId: '3MVG9-connected-app', username: 'integration@acme.example', publicKey };

describe('Salesforce JWT bearer sign-in', () => {
	const api = useSalesforceApi();

	it('signs an RS256 assertion the token endpoint verifies, and answers the session and instance URL', async () => {
		api().trustJwt(app);

		const session = await exchangeJwtForSession(new AxiosHttpClient(), { clientId: app.clientId, username: app.username, privateKey: pem }, api().url);

		expect(session).toEqual({ accessToken: TOKEN, instanceUrl: api().url });
		const [request] = api().requests;
		expect([request.method, request.path, request.headers['content-type']]).toEqual(['POST', '/services/oauth2/token', 'application/x-www-form-urlencoded']);
		const form = new URLSearchParams(request.rawBody.toString());
		expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
		const [header, claims] = (form.get('assertion') ?? '').split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
		expect(header).toEqual({ alg: 'RS256', typ: 'JWT' });
		expect(claims).toMatchObject({ iss: app.clientId, sub: app.username, aud: api().url });
		expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
	});

	it('reads a key whose line breaks were lost when pasted', async () => {
		api().trustJwt(app);
		const oneLine = pem.replace(/\n/g, ' ');
		await expect(exchangeJwtForSession(new AxiosHttpClient(), { clientId: app.clientId, username: app.username, privateKey: oneLine }, api().url)).resolves.toMatchObject({ accessToken: TOKEN });
	});

	it('says which part of the credential to check when Salesforce refuses the sign-in', async () => {
		api().trustJwt(app);
		const wrongKey = otherKey.export({ type: 'pkcs8', format: 'pem' }).toString();

		const refused = await exchangeJwtForSession(new AxiosHttpClient(), { clientId: app.clientId, username: app.username, privateKey: wrongKey }, api().url).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(CrmError);
		expect(refused).toMatchObject({ message: 'Salesforce refused the JWT sign-in: invalid assertion', details: { status: 400, code: 'invalid_grant', hint: expect.stringContaining('certificate uploaded to the Connected App') } });

		const unapproved = exchangeJwtForSession(new AxiosHttpClient(), { clientId: app.clientId, username: 'someone@acme.example', privateKey: pem }, api().url);
		await expect(unapproved).rejects.toMatchObject({ details: { hint: expect.stringContaining('pre-authorized') } });

		await expect(exchangeJwtForSession(new AxiosHttpClient(), { clientId: app.clientId, username: app.username, privateKey: 'not a key' }, api().url)).rejects.toThrow(
			'The private key of the Salesforce JWT credential could not be read',
		);
	});

	it('signs in at login.salesforce.com, test.salesforce.com for a sandbox, or the org\'s My Domain', () => {
		const base = { clientId: 'x', username: 'y', privateKey: pem };
		expect(salesforceLoginUrl({ ...base, environment: 'production' })).toBe('https://login.salesforce.com');
		expect(salesforceLoginUrl({ ...base, environment: 'sandbox' })).toBe('https://test.salesforce.com');
		expect(salesforceLoginUrl({ ...base, environment: 'sandbox', myDomainUrl: 'https://acme.my.salesforce.com/' })).toBe('https://acme.my.salesforce.com');
	});
});
