import type { CrmCustomer } from '../../../../core/crm/types';

export { rdFixture } from '../../../support/rdstation-api';

export const customer = (overrides: Partial<CrmCustomer> = {}): CrmCustomer => ({ emails: [], phones: [], traits: {}, ...overrides });

/** Retries without waiting: the tests prove that 429 is retried, not how long the pause is. */
export const NO_WAIT = { retries: 2, baseDelayMs: 1, maxDelayMs: 1 };
