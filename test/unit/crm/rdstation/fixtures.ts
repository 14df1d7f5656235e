import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CrmCustomer } from '../../../../core/crm/types';

/** RD Station's documented shapes, copied from the shared CRM fixtures (fake data). */
export function rdFixture<T = Record<string, unknown>>(name: string): T {
	return JSON.parse(readFileSync(path.resolve(__dirname, '../../../fixtures/crm', name), 'utf8')) as T;
}

export const customer = (overrides: Partial<CrmCustomer> = {}): CrmCustomer => ({ emails: [], phones: [], traits: {}, ...overrides });

/** Retries without waiting: the tests prove that 429 is retried, not how long the pause is. */
export const NO_WAIT = { retries: 2, baseDelayMs: 1, maxDelayMs: 1 };
