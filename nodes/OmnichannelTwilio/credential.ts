import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { TwilioApiConfig } from '../../core/channels/twilio/outbound';

/** The credential every Twilio node uses (credentials/OmnichannelTwilioApi.credentials.ts). */
export const TWILIO_CREDENTIAL = 'omnichannelTwilioApi';

/** The account to send through; n8n signs each request with the credential. */
export function twilioApiConfig(credential: ICredentialDataDecryptedObject): TwilioApiConfig {
	return { accountSid: String(credential.accountSid ?? ''), baseUrl: String(credential.baseUrl ?? '') || undefined };
}
