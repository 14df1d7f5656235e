import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { telegramBotId } from '../../core/channels/telegram/bot-api';
import { telegramInbound } from '../../core/channels/telegram/inbound';
import { deleteTelegramWebhook, newTelegramSecretToken, setTelegramWebhook, telegramWebhookUrl, type TelegramUpdateType } from '../../core/channels/telegram/webhook-registration';
import { receiveChannelWebhook } from '../shared/channel-webhook';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { toNodeError } from '../shared/provider-error';
import { TELEGRAM_CREDENTIAL, telegramBotConfig } from '../OmnichannelTelegram/bot-config';
import { answerButtonPresses, updateTypeOf } from './button-presses';
import { telegramTriggerProperties } from './properties';
import { STORE_CREDENTIAL } from '../shared/store';
import { warmingCheckExists } from '../shared/warm-store';
import { TRIGGER_VERSION } from '../shared/trigger-version';

const ALL_UPDATES: TelegramUpdateType[] = ['message', 'edited_message', 'callback_query'];

function chosenUpdates(context: IHookFunctions | IWebhookFunctions): TelegramUpdateType[] {
	const chosen = context.getNodeParameter('updates', ALL_UPDATES) as TelegramUpdateType[];
	return chosen.length > 0 ? chosen : ALL_UPDATES;
}

/**
 * Receives a Telegram bot's updates as canonical events. Activating the workflow points the
 * bot's webhook at n8n with a fresh secret token (kept in the node's static data, never
 * shown); every delivery must carry it back, and redeliveries start nothing.
 */
export class OmnichannelTelegramTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Telegram Trigger',
		name: 'omnichannelTelegramTrigger',
		icon: 'file:omnichannelTelegram.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		subtitle: 'Telegram bot updates',
		description: 'Starts the workflow when a customer writes to your Telegram bot or presses one of its buttons',
		defaults: { name: 'Omnichannel Telegram Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: TELEGRAM_CREDENTIAL, required: true }, { name: STORE_CREDENTIAL, displayName: 'Store for Redelivery Checks', required: false }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: telegramTriggerProperties,
	};

	webhookMethods = {
		default: {
			checkExists: warmingCheckExists(async function (this: IHookFunctions): Promise<boolean> {
				// Without the secret the webhook was registered with, every delivery would be refused.
				if (!this.getWorkflowStaticData('node').secretToken) return false;
				try {
					const url = await telegramWebhookUrl(n8nHttpClient(this, TELEGRAM_CREDENTIAL), await telegramBotConfig(this));
					return url === this.getNodeWebhookUrl('default');
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
			}),
			async create(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const secretToken = newTelegramSecretToken();
				try {
					await setTelegramWebhook(n8nHttpClient(this, TELEGRAM_CREDENTIAL), await telegramBotConfig(this), {
						url: this.getNodeWebhookUrl('default') ?? '',
						secretToken,
						allowedUpdates: chosenUpdates(this),
					});
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
				staticData.secretToken = secretToken;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				delete staticData.secretToken;
				try {
					const client = n8nHttpClient(this, TELEGRAM_CREDENTIAL);
					const bot = await telegramBotConfig(this);
					// The bot may have been pointed elsewhere since (another workflow, another n8n): that one stays.
					if ((await telegramWebhookUrl(client, bot)) !== this.getNodeWebhookUrl('default')) return true;
					await deleteTelegramWebhook(client, bot);
					return true;
				} catch (error) {
					this.logger.warn(`${this.getNode().name}: could not remove the Telegram webhook: ${(error as Error).message}`);
					return false;
				}
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const secret = this.getWorkflowStaticData('node').secretToken;
		const received = await receiveChannelWebhook(this, {
			adapter: telegramInbound,
			// No stored secret (the webhook was not registered by this node): refuse everything.
			secret: typeof secret === 'string' ? secret : '',
			// Updates never name the bot: its id, from the credential's token, is the events' account.
			parseOptions: { includeRaw: options.includeRaw === true, account: telegramBotId((await telegramBotConfig(this)).token.trim()) },
		});
		const events = received.workflowData?.[0] ?? [];
		if (options.answerCallbacks !== false) {
			answerButtonPresses(this, events, (options.callbackAnswerText as string | undefined) || undefined);
		}
		const wanted = new Set<string>(chosenUpdates(this));
		const items: INodeExecutionData[] = events.filter((item) => wanted.has(updateTypeOf(item.json)));
		return items.length > 0 ? { noWebhookResponse: true, workflowData: [items] } : { noWebhookResponse: true };
	}
}
