export { createSalesforceAdapter } from './adapter';
export type { SalesforceConfig } from './config';
export { exchangeJwtForSession, salesforceLoginUrl, SALESFORCE_LOGIN_URLS, type SalesforceJwtCredential, type SalesforceSession } from './jwt-bearer';
export { sessionHttpClient } from './session-client';
