export * from './keywords';
export * from './consent-change';
export type { StoredConsentChange } from '../store/consent-sql';
export * from './unsubscribe-link';
