/**
 * The example credentials of the local n8n: every provider pointed at the local stand-ins,
 * with the test secrets of test/fixtures/shared/channels/signatures.json, so that webhooks
 * signed as in the fixtures pass and every reply lands in the stand-ins' records.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_GRAPH_API_VERSION } from '../../core/channels/meta/graph-url';
import type { CredentialSummary, N8nRestClient } from './rest-client';

const SIGNATURES = join(__dirname, '../../test/fixtures/shared/channels/signatures.json');

/** The providers' test secrets: META_APP_SECRET, TELEGRAM_SECRET_TOKEN, TWILIO_AUTH_TOKEN. */
export function testSecrets(): Record<string, string> {
	return (JSON.parse(readFileSync(SIGNATURES, 'utf8')) as { test_secrets: Record<string, string> }).test_secrets;
}

/** Ids of the example accounts, the same as in the channel fixtures. */
export const EXAMPLE_ACCOUNTS = {
	whatsappPhoneNumberId: '106540000000001',
	whatsappBusinessAccountId: '102290000000001',
	pageId: '105000000000001',
	instagramAccountId: '17841400000000001',
	twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
	twilioNumber: '+15550001234',
	telegramBotToken: '5550009999:AAExampleStandInBotToken_0123456789',
	/** A bot of its own for the inbox workflow: Telegram delivers a bot's updates to one webhook only. */
	inboxTelegramBotToken: '5550008888:AAExampleStandInInboxBotToken_012345',
	evolutionInstance: 'acme-support',
	supportAddress: 'Acme Support <support@acme.example>',
} as const;

/**
 * The keys our webhooks are proven with where the fixtures' signatures.json has none:
 * Mailgun's HTTP webhook signing key (the one of test/fixtures/channels/mailgun) and the
 * jwt_key an Evolution instance's webhook signs its Bearer token with.
 */
export const EXAMPLE_WEBHOOK_KEYS = {
	mailgunSigningKey: 'key-test-mailgun-signing-0123456789abcdef',
	evolutionJwtKey: 'example-evolution-webhook-jwt-key-0123456789',
} as const;

/** The example HubSpot private app's token and client secret (which signs its webhooks). */
export const EXAMPLE_HUBSPOT = { appToken: 'pat-example-0000-hubspot-stand-in', clientSecret: 'example-hubspot-client-secret-0123456789' } as const;

/** The basic auth the example Pipedrive webhook calls with. */
export const EXAMPLE_PIPEDRIVE_WEBHOOK = { user: 'pipedrive', password: 'example-pipedrive-webhook-password' } as const;

export interface ExampleCredential {
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface StandInAddresses {
	/** Base URL of the HTTP stand-ins. */
	apiUrl: string;
	smtpPort: number;
}

/** The example credentials, by credential type. */
export function exampleCredentials({ apiUrl, smtpPort }: StandInAddresses): ExampleCredential[] {
	const secrets = testSecrets();
	return [
		{
			name: 'Example WhatsApp Cloud API (local stand-in)',
			type: 'omnichannelWhatsAppCloudApi',
			data: {
				accessToken: 'EXAMPLE-whatsapp-access-token',
				appSecret: secrets.META_APP_SECRET,
				verifyToken: 'example-verify-token',
				phoneNumberId: EXAMPLE_ACCOUNTS.whatsappPhoneNumberId,
				businessAccountId: EXAMPLE_ACCOUNTS.whatsappBusinessAccountId,
				apiVersion: DEFAULT_GRAPH_API_VERSION,
				baseUrl: apiUrl,
			},
		},
		{
			name: 'Example Meta Page and Instagram (local stand-in)',
			type: 'omnichannelMetaPageApi',
			data: {
				accessToken: 'EXAMPLE-page-access-token',
				appSecret: secrets.META_APP_SECRET,
				verifyToken: 'example-verify-token',
				pageId: EXAMPLE_ACCOUNTS.pageId,
				igAccountId: EXAMPLE_ACCOUNTS.instagramAccountId,
				graphApiVersion: DEFAULT_GRAPH_API_VERSION,
				baseUrl: apiUrl,
			},
		},
		{ name: 'Example Telegram bot (local stand-in)', type: 'omnichannelTelegramApi', data: { accessToken: EXAMPLE_ACCOUNTS.telegramBotToken, baseUrl: apiUrl } },
		{ name: 'Example Telegram bot for the inbox (local stand-in)', type: 'omnichannelTelegramApi', data: { accessToken: EXAMPLE_ACCOUNTS.inboxTelegramBotToken, baseUrl: apiUrl } },
		{
			name: 'Example Twilio (local stand-in)',
			type: 'omnichannelTwilioApi',
			data: { authType: 'authToken', accountSid: EXAMPLE_ACCOUNTS.twilioAccountSid, authToken: secrets.TWILIO_AUTH_TOKEN, apiKeySid: '', apiKeySecret: '', baseUrl: apiUrl },
		},
		{
			name: 'Example Evolution API (local stand-in)',
			type: 'omnichannelEvolutionApi',
			data: {
				baseUrl: apiUrl,
				apiKey: 'EXAMPLE-evolution-api-key',
				instanceName: EXAMPLE_ACCOUNTS.evolutionInstance,
				webhookJwtKey: EXAMPLE_WEBHOOK_KEYS.evolutionJwtKey,
				webhookHeaderName: '',
				webhookHeaderValue: '',
			},
		},
		// No API key: the trigger creates no route, and only checks the posts' signatures.
		{ name: 'Example Mailgun routes (local)', type: 'omnichannelMailgunWebhookApi', data: { signingKey: EXAMPLE_WEBHOOK_KEYS.mailgunSigningKey, apiKey: '', region: 'us', baseUrl: '' } },
		{ name: 'Example Postmark inbound (local)', type: 'omnichannelPostmarkInboundApi', data: { user: 'postmark', password: 'example-inbound-password' } },
		// n8n's own HubSpot credential types: the token the stand-in accepts, and the app's client secret its webhooks are signed with.
		{ name: 'Example HubSpot (local stand-in)', type: 'hubspotAppToken', data: { appToken: EXAMPLE_HUBSPOT.appToken } },
		{ name: 'Example Pipedrive webhook (local)', type: 'httpBasicAuth', data: { user: EXAMPLE_PIPEDRIVE_WEBHOOK.user, password: EXAMPLE_PIPEDRIVE_WEBHOOK.password } },
		{ name: 'Example HubSpot app (local)', type: 'hubspotDeveloperApi', data: { clientId: 'example-client-id', clientSecret: EXAMPLE_HUBSPOT.clientSecret, apiKey: '', appId: '' } },
		{
			name: 'Example SMTP (local sink)',
			type: 'omnichannelSmtp',
			data: { host: '127.0.0.1', port: smtpPort, security: 'none', user: '', password: '', defaultFrom: EXAMPLE_ACCOUNTS.supportAddress, allowUnauthorizedCerts: false },
		},
	];
}

/** What the stand-ins should accept: exactly the example credentials' tokens and keys. */
export function standInAcceptance() {
	const secrets = testSecrets();
	return {
		graphTokens: ['EXAMPLE-whatsapp-access-token', 'EXAMPLE-page-access-token'],
		telegramTokens: [EXAMPLE_ACCOUNTS.telegramBotToken, EXAMPLE_ACCOUNTS.inboxTelegramBotToken],
		twilioAuthTokens: { [EXAMPLE_ACCOUNTS.twilioAccountSid]: secrets.TWILIO_AUTH_TOKEN },
		evolutionApiKeys: ['EXAMPLE-evolution-api-key'],
		hubspotTokens: [EXAMPLE_HUBSPOT.appToken],
	};
}

/** Creates the example credentials, or brings existing ones (same name and type) up to date; returns them by name. */
export async function ensureCredentials(client: N8nRestClient, credentials: ExampleCredential[]): Promise<Map<string, CredentialSummary>> {
	const existing = await client.listCredentials();
	const byName = new Map<string, CredentialSummary>();
	for (const credential of credentials) {
		const found = existing.find((candidate) => candidate.name === credential.name && candidate.type === credential.type);
		const saved = found ? await client.updateCredential(found.id, credential) : await client.createCredential(credential);
		byName.set(credential.name, { id: saved.id ?? found?.id, name: credential.name, type: credential.type });
	}
	return byName;
}
