import type { TwilioApiConfig } from './outbound';

/** Where Twilio's REST API is, by default; a credential's Base URL points at a regional edge, a proxy or a test server. */
const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** The configured API base, without a trailing slash. */
export function twilioApiBaseUrl(config: Pick<TwilioApiConfig, 'baseUrl'>): string {
	return (config.baseUrl?.trim() || TWILIO_API_BASE_URL).replace(/\/+$/, '');
}

/** The URL of a resource of the account: `<base>/2010-04-01/Accounts/<sid><path>`. */
export function twilioAccountUrl(config: TwilioApiConfig, path: string): string {
	return `${twilioApiBaseUrl(config)}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid.trim())}${path}`;
}

/**
 * Messaging Services live on messaging.twilio.com: the API host with "api." turned into
 * "messaging." (api.dublin.ie1.twilio.com → messaging.dublin.ie1.twilio.com); any other
 * base URL (a proxy, a test server) serves both.
 */
export function messagingBaseUrl(config: TwilioApiConfig): string {
	const base = new URL(twilioApiBaseUrl(config));
	if (/^api\.(.+\.)?twilio\.com$/i.test(base.hostname)) base.hostname = base.hostname.replace(/^api\./i, 'messaging.');
	return base.toString().replace(/\/+$/, '');
}
