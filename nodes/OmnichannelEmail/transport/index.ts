import type { EmailConnection } from '../../../core/channels/smtp/definition';
import { SmtpSender } from '../../../core/channels/smtp/outbound';
import type { ChannelConnector } from '../../shared/channel-connector';
import { SMTP_CREDENTIAL, smtpConfigFromCredential } from '../smtp-credential';

export interface SmtpConnection extends EmailConnection {
	mailer: SmtpSender;
}

/** One SMTP connection for the whole run, closed after it. */
export const smtpConnector: ChannelConnector<SmtpConnection> = {
	credential: SMTP_CREDENTIAL,
	label: 'Omnichannel SMTP',
	async connect(context) {
		const mailer = new SmtpSender(smtpConfigFromCredential(await context.getCredentials(SMTP_CREDENTIAL)));
		return { mailer, close: () => mailer.close() };
	},
};
