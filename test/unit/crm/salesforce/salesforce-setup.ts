import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createSalesforceAdapter, sessionHttpClient, type SalesforceConfig } from '../../../../core/crm/salesforce';
import type { CrmCustomer } from '../../../../core/crm/types';
import { AxiosHttpClient } from '../../../support/axios-http-client';
import { startFakeSalesforceApi, type FakeSalesforceApi } from '../../../support/salesforce-api';

export const TOKEN = 'session-token';

/** A Salesforce fixture in its documented shape (test/fixtures/crm/salesforce). */
export function salesforceFixture<T = unknown>(name: string): T {
	return JSON.parse(readFileSync(path.resolve(__dirname, '../../../fixtures/crm/salesforce', name), 'utf8')) as T;
}

export function customer(fields: Partial<CrmCustomer>): CrmCustomer {
	return { emails: [], phones: [], traits: {}, ...fields };
}

/** The adapter against the stand-in, signed in, retrying without waiting. */
export function adapterFor(api: FakeSalesforceApi, overrides: Partial<SalesforceConfig> = {}) {
	return createSalesforceAdapter({ http: sessionHttpClient(new AxiosHttpClient(), TOKEN), instanceUrl: `${api.url}/`, sleep: async () => {}, ...overrides });
}

/** A fresh stand-in per test; requests and records do not leak from one test to the next. */
export function useSalesforceApi(): () => FakeSalesforceApi {
	let api: FakeSalesforceApi | undefined;
	beforeEach(async () => {
		api = await startFakeSalesforceApi(TOKEN);
	});
	afterEach(async () => {
		const violations = [...(api?.violations ?? [])];
		await api?.close();
		expect(violations).toEqual([]);
	});
	return () => api as FakeSalesforceApi;
}

/** The SOQL or SOSL text of each query or search the stand-in received, in order. */
export function queriesSent(api: FakeSalesforceApi): string[] {
	return api.requests.filter((request) => /\/(query|search)$/.test(request.path)).map((request) => request.query.get('q') ?? '');
}
