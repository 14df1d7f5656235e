import type { IExecuteFunctions } from 'n8n-workflow';
import { sendEvolutionText } from '../../core/channels/evolution/outbound';
import { sendInstagramText } from '../../core/channels/instagram/outbound';
import type { MessagingWindow } from '../../core/channels/meta/send-api';
import { sendMessengerText } from '../../core/channels/messenger/outbound';
import type { ReplyRoute, ReplyTarget } from '../../core/channels/reply-target';
import { SmtpSender } from '../../core/channels/smtp/outbound';
import { sendTelegramMessage } from '../../core/channels/telegram/outbound';
import { sendTwilioMessage } from '../../core/channels/twilio/outbound';
import { sendText } from '../../core/channels/whatsapp/outbound';
import type { CanonicalEvent } from '../../core/model';
import { META_PAGE_CREDENTIAL, readMetaPageCredential } from '../MetaMessaging/credential';
import { SMTP_CREDENTIAL, smtpConfigFromCredential } from '../OmnichannelEmail/smtp-credential';
import { EVOLUTION_CREDENTIAL } from '../OmnichannelEvolution/credential';
import { TELEGRAM_CREDENTIAL, telegramBotConfig } from '../OmnichannelTelegram/bot-config';
import { TWILIO_CREDENTIAL, twilioApiConfig } from '../OmnichannelTwilio/credential';
import { readWhatsAppCredential, senderConfig, WHATSAPP_CLOUD_CREDENTIAL } from '../OmnichannelWhatsApp/credential';
import { n8nHttpClient } from '../shared/n8n-http-client';

export interface ReplyContent {
	text: string;
	/** Messenger and Instagram: the window the reply relies on (HUMAN_AGENT: a person answering within 7 days). */
	window: MessagingWindow;
	/** E-mail: the subject, when not "Re: " and the customer's. */
	subject?: string;
}

type Sender = (context: IExecuteFunctions, target: ReplyTarget, content: ReplyContent) => Promise<CanonicalEvent>;

/** The credential each route sends with, its name as the editor shows it, and the channel as a person picks it. */
export const ROUTE_CREDENTIALS: Record<ReplyRoute, { credential: string; label: string; channel: string }> = {
	whatsappCloud: { credential: WHATSAPP_CLOUD_CREDENTIAL, label: 'Omnichannel WhatsApp Cloud API', channel: 'WhatsApp (Cloud API)' },
	evolution: { credential: EVOLUTION_CREDENTIAL, label: 'Omnichannel Evolution API', channel: 'WhatsApp (Evolution API)' },
	messenger: { credential: META_PAGE_CREDENTIAL, label: 'Omnichannel Meta Page API', channel: 'Messenger' },
	instagram: { credential: META_PAGE_CREDENTIAL, label: 'Omnichannel Meta Page API', channel: 'Instagram' },
	telegram: { credential: TELEGRAM_CREDENTIAL, label: 'Omnichannel Telegram API', channel: 'Telegram' },
	twilio: { credential: TWILIO_CREDENTIAL, label: 'Omnichannel Twilio API', channel: 'SMS and WhatsApp (Twilio)' },
	email: { credential: SMTP_CREDENTIAL, label: 'Omnichannel SMTP', channel: 'E-Mail (SMTP)' },
};

/** One sender per route, each the same core function its channel's action node uses. */
export const REPLY_SENDERS: Record<ReplyRoute, Sender> = {
	async whatsappCloud(context, target, { text }) {
		const credential = readWhatsAppCredential(await context.getCredentials(WHATSAPP_CLOUD_CREDENTIAL));
		return await sendText(n8nHttpClient(context, WHATSAPP_CLOUD_CREDENTIAL), senderConfig(credential, target.account), { recipient: target.recipient, text });
	},
	async evolution(context, target, { text }) {
		const credential = await context.getCredentials(EVOLUTION_CREDENTIAL);
		const config = { baseUrl: String(credential.baseUrl ?? ''), instance: target.account || String(credential.instanceName ?? '') };
		return await sendEvolutionText(n8nHttpClient(context, EVOLUTION_CREDENTIAL), config, { to: target.recipient, text });
	},
	async messenger(context, target, { text, window }) {
		const credential = readMetaPageCredential(await context.getCredentials(META_PAGE_CREDENTIAL));
		const config = { baseUrl: credential.baseUrl, version: credential.graphApiVersion, pageId: credential.pageId };
		return await sendMessengerText(n8nHttpClient(context, META_PAGE_CREDENTIAL), config, { recipient: target.recipient, text, window });
	},
	async instagram(context, target, { text, window }) {
		const credential = readMetaPageCredential(await context.getCredentials(META_PAGE_CREDENTIAL));
		const config = { baseUrl: credential.baseUrl, version: credential.graphApiVersion, pageId: credential.pageId, igAccountId: credential.igAccountId };
		return await sendInstagramText(n8nHttpClient(context, META_PAGE_CREDENTIAL), config, { recipient: target.recipient, text, window });
	},
	async telegram(context, target, { text }) {
		const config = await telegramBotConfig(context);
		return (await sendTelegramMessage(n8nHttpClient(context, TELEGRAM_CREDENTIAL), config, { chatId: target.recipient, text })).event;
	},
	async twilio(context, target, { text }) {
		const config = twilioApiConfig(await context.getCredentials(TWILIO_CREDENTIAL));
		return await sendTwilioMessage(n8nHttpClient(context, TWILIO_CREDENTIAL), config, { to: target.recipient, from: target.account, body: text, whatsapp: target.whatsapp });
	},
	async email(context, target, { text, subject }) {
		const sender = new SmtpSender(smtpConfigFromCredential(await context.getCredentials(SMTP_CREDENTIAL)));
		try {
			const { inReplyTo, references } = target.email ?? {};
			return await sender.send({ to: target.recipient, subject: subject || target.email?.subject, text, inReplyTo, references });
		} finally {
			sender.close();
		}
	},
};
