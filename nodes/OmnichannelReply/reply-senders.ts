import type { IExecuteFunctions } from 'n8n-workflow';
import type { MessagingWindow } from '../../core/channels/meta/send-api';
import { OUTBOUND_DEFINITIONS, OUTBOUND_ROUTES, type OutboundConnections } from '../../core/channels/outbound-registry';
import type { OutboundRoute, ReplyTarget } from '../../core/channels/outbound-types';
import type { CanonicalEvent } from '../../core/model';
import type { OpenConnection } from '../shared/channel-connector';
import { CHANNEL_CONNECTORS } from '../shared/channel-connectors';

export interface ReplyContent {
	text: string;
	/** Messenger and Instagram: the window the reply relies on (HUMAN_AGENT: a person answering within 7 days). */
	window: MessagingWindow;
	/** E-mail: the subject, when not "Re: " and the customer's. */
	subject?: string;
}

/** Each route as a person picks it in the editor. */
const CHANNEL_NAMES: Record<OutboundRoute, string> = {
	whatsappCloud: 'WhatsApp (Cloud API)',
	evolution: 'WhatsApp (Evolution API)',
	messenger: 'Messenger',
	instagram: 'Instagram',
	telegram: 'Telegram',
	twilio: 'SMS and WhatsApp (Twilio)',
	email: 'E-Mail (SMTP)',
};

/** The credential each route sends with (the channel nodes' own), its name as the editor shows it, and the channel's name. */
export const ROUTE_CREDENTIALS = Object.fromEntries(
	OUTBOUND_ROUTES.map((route) => [route, { credential: CHANNEL_CONNECTORS[route].credential, label: CHANNEL_CONNECTORS[route].label, channel: CHANNEL_NAMES[route] }]),
) as Record<OutboundRoute, { credential: string; label: string; channel: string }>;

/**
 * Sends replies through each route's outbound definition, on the connection its channel's
 * action node builds from the same credential: opened once per route for the whole run.
 */
export class ReplySenders {
	private readonly opened = new Map<OutboundRoute, OpenConnection<unknown>>();

	constructor(private readonly context: IExecuteFunctions) {}

	async send(target: ReplyTarget, content: ReplyContent): Promise<CanonicalEvent> {
		return await this.sendOn(target.route, target, content);
	}

	/** Lets go of every connection (the SMTP transport). */
	close(): void {
		for (const connection of this.opened.values()) connection.close?.();
		this.opened.clear();
	}

	private async sendOn<Route extends OutboundRoute>(route: Route, { recipient, account, email }: ReplyTarget, content: ReplyContent): Promise<CanonicalEvent> {
		const connection = await this.connection(route);
		return await OUTBOUND_DEFINITIONS[route].send.text(connection, {
			recipient,
			account,
			text: content.text,
			window: content.window,
			email: email && { ...email, subject: content.subject || email.subject },
		});
	}

	private async connection<Route extends OutboundRoute>(route: Route): Promise<OutboundConnections[Route]> {
		let connection = this.opened.get(route) as OpenConnection<OutboundConnections[Route]> | undefined;
		if (!connection) {
			connection = await CHANNEL_CONNECTORS[route].connect(this.context);
			this.opened.set(route, connection);
		}
		return connection;
	}
}
