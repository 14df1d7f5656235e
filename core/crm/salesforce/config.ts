import type { HttpClient } from '../../http/http-client';
import type { RetryPolicy } from '../../http/retry';
import { CrmError } from '../types';

/** Where and how to reach one Salesforce org; the session itself is applied by the HttpClient. */
export interface SalesforceConfig {
	http: HttpClient;
	/** The org's own address, e.g. https://acme.my.salesforce.com (from the OAuth token answer). */
	instanceUrl: string;
	apiVersion?: 'v62.0';
	/**
	 * A Contact field marked "External ID" that holds our customer id (e.g. Omnichannel_Id__c):
	 * contacts are then upserted by it, in one call per 25 contacts and without a search first.
	 */
	externalIdField?: string;
	/** Two-letter country for phone numbers stored in Salesforce without a country code. */
	defaultCountry?: string;
	retry?: RetryPolicy;
	/** Tests pass an instant sleep; retries wait as the retry policy says. */
	sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_API_VERSION = 'v62.0';

/** The org's address without a trailing slash. */
export function instanceOf(config: SalesforceConfig): string {
	return config.instanceUrl.trim().replace(/\/+$/, '');
}

/** The REST API's path on the org, e.g. /services/data/v62.0, as composite subrequests name it. */
export function dataPath(config: SalesforceConfig): string {
	return `/services/data/${config.apiVersion ?? DEFAULT_API_VERSION}`;
}

export function dataUrl(config: SalesforceConfig, path: string): string {
	return `${instanceOf(config)}${dataPath(config)}${path}`;
}

/** An External ID field name as Salesforce spells one: letters, digits and underscores, custom ones ending in __c. */
export function checkedExternalIdField(field: string | undefined): string | undefined {
	const name = field?.trim();
	if (!name) return undefined;
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
		throw new CrmError('salesforce', `"${name}" is not a Salesforce field name: give the API name of the External ID field, e.g. Omnichannel_Id__c`, { code: 'INVALID_CONFIGURATION' });
	}
	return name;
}
