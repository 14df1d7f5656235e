import { ProviderError } from '../provider-error';

interface SmtpFailure {
	message?: string;
	code?: string;
	responseCode?: number;
	response?: string;
	command?: string;
	originalCode?: string;
	rejected?: string[];
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH']);

function hintFor(failure: SmtpFailure): string | undefined {
	const { code, responseCode, originalCode } = failure;
	if (code === 'EAUTH' || responseCode === 535 || responseCode === 534) {
		return 'The SMTP server refused the user name or password. Check them in the credential; Gmail, Outlook and other providers with two-step sign-in need an app password instead of the account password.';
	}
	if (code === 'ENOAUTH') return 'The SMTP server requires a user name and password: fill them in the credential.';
	if (code === 'ETLS' || code === 'EREQUIRETLS') {
		return 'The secure connection could not be set up. Check the Security setting of the credential: SSL/TLS is usually port 465, STARTTLS port 587.';
	}
	if (CONNECTION_CODES.has(code ?? '') || CONNECTION_CODES.has(originalCode ?? '')) {
		return 'The SMTP server could not be reached or closed the connection. Check the host and port, and that the Security setting matches the port (SSL/TLS on 465, STARTTLS on 587); a firewall may also block outgoing mail ports.';
	}
	if (code === 'EENVELOPE' || (responseCode !== undefined && [550, 551, 553].includes(responseCode) && /RCPT/i.test(failure.command ?? ''))) {
		return "The mail server refused the recipient: the address probably doesn't exist or is misspelled. Check the To address.";
	}
	if (responseCode === 552) return 'The message is too large for the mail server: send fewer or smaller attachments.';
	if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
		return 'The mail server is temporarily refusing mail (rate limit or greylisting). Try again in a few minutes.';
	}
	if (responseCode === 550 || responseCode === 553 || responseCode === 554) {
		return 'The mail server refused the message. Check that the From address belongs to the SMTP account (many providers only send from your own verified addresses).';
	}
	return undefined;
}

/** A nodemailer failure as a ProviderError with the SMTP reply code and a hint in plain words; never includes the password. */
export function smtpProviderError(error: unknown): ProviderError {
	if (error instanceof ProviderError) return error;
	const failure = (error ?? {}) as SmtpFailure;
	const message = `SMTP: ${failure.message ?? String(error)}`;
	const code = failure.responseCode ?? failure.code;
	const body = {
		...(failure.code ? { code: failure.code } : {}),
		...(failure.responseCode ? { responseCode: failure.responseCode } : {}),
		...(failure.response ? { response: failure.response } : {}),
		...(failure.command ? { command: failure.command.replace(/^AUTH\s+\S+.*/i, 'AUTH') } : {}),
		...(failure.rejected?.length ? { rejected: failure.rejected } : {}),
		message,
	};
	return new ProviderError('smtp', message, { code, hint: hintFor(failure), body });
}
