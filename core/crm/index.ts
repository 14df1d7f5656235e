export * from './types';
export * from './activity-ledger';
export * from './phone-forms';
