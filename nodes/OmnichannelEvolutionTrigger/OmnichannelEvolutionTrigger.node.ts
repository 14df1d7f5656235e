import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import type { EvolutionConnectionState } from '../../core/channels/evolution/connection';
import { receiveChannelWebhook } from '../shared/channel-webhook';
import { EVOLUTION_CREDENTIAL } from '../OmnichannelEvolution/credential';
import { evolutionWebhookCheck } from './webhook-proof';
import { STORE_CREDENTIAL } from '../shared/store';
import { selfRegisteringWebhook } from '../shared/webhook-registration';
import { evolutionRegistrationProperties, evolutionRegistrationSteps } from './webhook-registration';
import { TRIGGER_VERSION } from '../shared/trigger-version';

/** Baileys' reasons for a closed connection, in words an operator can act on. */
const DISCONNECT_REASONS: Record<number, string> = {
	401: 'logged out from the phone',
	403: 'refused by WhatsApp',
	408: 'the connection timed out',
	428: 'the connection was closed',
	440: 'replaced by another session of the same number',
	500: 'the session is broken',
	515: 'a restart is required',
};

function connectionItem(state: EvolutionConnectionState, raw: unknown, includeRaw: boolean): IDataObject {
	return {
		type: 'connection',
		channel: 'whatsapp',
		provider: 'evolution',
		instance: state.instance,
		state: state.state,
		connected: state.state === 'open',
		...(state.statusReason !== undefined ? { statusReason: state.statusReason } : {}),
		...(state.wuid ? { wuid: state.wuid } : {}),
		timestamp: new Date().toISOString(),
		...(includeRaw ? { raw: raw as IDataObject } : {}),
	};
}

/** Starts a workflow for each WhatsApp message, button reply and delivery status an Evolution API instance reports. */
export class OmnichannelEvolutionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Evolution API Trigger',
		name: 'omnichannelEvolutionTrigger',
		icon: 'file:evolution.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		description: 'Starts the workflow when a customer writes on WhatsApp through an Evolution API server',
		defaults: { name: 'Omnichannel Evolution API Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: EVOLUTION_CREDENTIAL, required: true }, { name: STORE_CREDENTIAL, displayName: 'Store for Redelivery Checks', required: false }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			...evolutionRegistrationProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit Connection Changes',
						name: 'emitConnectionUpdates',
						type: 'boolean',
						default: false,
						description:
							'Whether to start the workflow when the instance connects or disconnects. Those items are not customer events (type "connection", with instance, state and connected): route them apart, not to Customer Merge. Off: a disconnection is only logged as a warning.',
					},
					{
						displayName: 'Include Our Own Messages',
						name: 'includeEchoes',
						type: 'boolean',
						default: false,
						description: 'Whether to also start the workflow for messages sent from our number (from the phone, WhatsApp Web or the API), as outbound events',
					},
					{
						displayName: 'Include Raw Payload',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description: "Whether to add Evolution API's webhook body as it came, under raw",
					},
				],
			},
		],
	};

	webhookMethods = selfRegisteringWebhook('Evolution API', evolutionRegistrationSteps);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const includeRaw = options.includeRaw === true;
		const credential = await this.getCredentials(EVOLUTION_CREDENTIAL);
		const check = evolutionWebhookCheck(credential, this.getHeaderData() as IDataObject);
		const result = await receiveChannelWebhook(this, {
			adapter: check.adapter,
			secret: check.secret,
			parseOptions: { includeRaw, includeEchoes: options.includeEchoes === true },
		});

		const state = check.connection();
		if (!state) return result;
		if (state.state === 'close') {
			const reason = state.statusReason === undefined ? '' : ` (${DISCONNECT_REASONS[state.statusReason] ?? `reason ${state.statusReason}`})`;
			this.logger.warn(
				`${this.getNode().name}: Evolution API instance "${state.instance}" is disconnected${reason}. Reconnect it in the Evolution manager (scan the QR code): until then no WhatsApp message arrives or leaves.`,
			);
		}
		if (options.emitConnectionUpdates !== true) return result;
		const body: unknown = this.getBodyData();
		return { noWebhookResponse: true, workflowData: [[{ json: connectionItem(state, body, includeRaw) }]] };
	}
}
