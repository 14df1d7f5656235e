import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { SmtpConfig, SmtpSecurity } from '../../core/channels/smtp/config';

export const SMTP_CREDENTIAL = 'omnichannelSmtp';

const SECURITY: SmtpSecurity[] = ['tls', 'starttls', 'none'];

/** The SMTP account an "Omnichannel SMTP" credential describes. */
export function smtpConfigFromCredential(credential: ICredentialDataDecryptedObject): SmtpConfig {
	const security = SECURITY.includes(credential.security as SmtpSecurity) ? (credential.security as SmtpSecurity) : 'starttls';
	return {
		host: String(credential.host ?? '').trim(),
		port: Number(credential.port || (security === 'tls' ? 465 : 587)),
		security,
		user: String(credential.user ?? '').trim() || undefined,
		password: String(credential.password ?? ''),
		defaultFrom: String(credential.defaultFrom ?? '').trim() || undefined,
		allowUnauthorizedCerts: credential.allowUnauthorizedCerts === true,
	};
}
