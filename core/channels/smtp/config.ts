import type { SMTPTransportOptions } from 'nodemailer';

/** How the connection to the SMTP server is secured. */
export type SmtpSecurity = 'tls' | 'starttls' | 'none';

/** An SMTP account as the credential describes it. */
export interface SmtpConfig {
	host: string;
	port: number;
	/** `tls`: encrypted from the first byte (port 465); `starttls`: upgraded after EHLO, required (587); `none`: plain text, for local relays only. */
	security: SmtpSecurity;
	user?: string;
	password?: string;
	/** The From address used when a send does not name one, e.g. `"Acme Support" <support@acme.example>`. */
	defaultFrom?: string;
	/** Accept a self-signed or expired certificate (test servers); never for a real mail provider. */
	allowUnauthorizedCerts?: boolean;
	/** How long to wait for the server, in milliseconds. Default 30 000. */
	timeoutMs?: number;
}

/** The nodemailer transport options for an account: the security mode decides TLS, credentials enable AUTH. */
export function smtpTransportOptions(config: SmtpConfig): SMTPTransportOptions {
	const timeout = config.timeoutMs ?? 30_000;
	return {
		host: config.host,
		port: config.port,
		secure: config.security === 'tls',
		requireTLS: config.security === 'starttls',
		ignoreTLS: config.security === 'none',
		...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
		tls: { rejectUnauthorized: !config.allowUnauthorizedCerts },
		connectionTimeout: timeout,
		greetingTimeout: timeout,
		socketTimeout: timeout,
	};
}
