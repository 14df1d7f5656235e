import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { WhatsAppCloudConfig } from '../../core/channels/whatsapp/outbound';

export const WHATSAPP_CLOUD_CREDENTIAL = 'omnichannelWhatsAppCloudApi';

export interface WhatsAppCloudCredential {
	appId: string;
	appSecret: string;
	verifyToken: string;
	phoneNumberId: string;
	businessAccountId: string;
	apiVersion: string;
	baseUrl: string;
}

const textOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

/** The credential's fields as plain strings; the access token stays with n8n, which signs requests. */
export function readWhatsAppCredential(data: ICredentialDataDecryptedObject): WhatsAppCloudCredential {
	return {
		appId: textOf(data.appId),
		appSecret: textOf(data.appSecret),
		verifyToken: textOf(data.verifyToken),
		phoneNumberId: textOf(data.phoneNumberId),
		businessAccountId: textOf(data.businessAccountId),
		apiVersion: textOf(data.apiVersion),
		baseUrl: textOf(data.baseUrl),
	};
}

/** Where to send, from the credential; `phoneNumberId` overrides the credential's sender. */
export function senderConfig(credential: WhatsAppCloudCredential, phoneNumberId?: string): WhatsAppCloudConfig {
	return {
		baseUrl: credential.baseUrl || undefined,
		apiVersion: credential.apiVersion || undefined,
		phoneNumberId: phoneNumberId?.trim() || credential.phoneNumberId,
	};
}
