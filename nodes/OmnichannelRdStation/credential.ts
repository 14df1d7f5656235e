import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { RdStationCrmConfig, RdStationMarketingConfig } from '../../core/crm/rdstation';

/** The credential of each RD Station product (credentials/RdStation*.credentials.ts). */
export const RD_STATION_CRM_CREDENTIAL = 'omnichannelRdStationCrmApi';
export const RD_STATION_MARKETING_CREDENTIAL = 'omnichannelRdStationMarketingOAuth2Api';

/** Where to call RD Station CRM; the token itself is added by n8n from the credential. */
export function rdStationCrmConfig(credential: ICredentialDataDecryptedObject): RdStationCrmConfig {
	return { baseUrl: String(credential.baseUrl ?? '') || undefined };
}

/** Where to call RD Station Marketing; n8n adds the OAuth2 Bearer token and renews it. */
export function rdStationMarketingConfig(credential: ICredentialDataDecryptedObject, options: Omit<RdStationMarketingConfig, 'baseUrl'> = {}): RdStationMarketingConfig {
	return { ...options, baseUrl: String(credential.baseUrl ?? '') || undefined };
}
