import type { IDataObject, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { PayloadError } from '../../core/channels/shared/payload-error';
import type { VerifyResult } from '../../core/channels/types';
import { applyCrmChanges, type AppliedCrmChange } from '../../core/crm/apply-changes';
import type { CrmChange } from '../../core/crm/changes';
import { answerWebhook } from './channel-webhook';
import { firstDeliveries } from './delivery-ledger';
import { customerGraphFor } from './store';

export interface CrmWebhookOptions {
	/** The CRM's name, for logs: "HubSpot". */
	crm: string;
	/** Who sent the request: a refusal is answered 401 and starts nothing. */
	check(rawBody: Buffer): VerifyResult;
	parse(rawBody: Buffer): CrmChange[];
}

/** The parameters every CRM trigger has, after its own: what it does with the store. */
export const crmTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Apply to Customer Store',
		name: 'applyToStore',
		type: 'boolean',
		default: true,
		description:
			'Whether each change updates the customer store before the workflow starts (the Omnichannel Store credential\'s, else the embedded store Customer Merge uses without one). Off: the workflow gets the changes and the store is left alone.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { applyToStore: [true] } },
		options: [
			{
				displayName: 'Add Unknown Contacts',
				name: 'createUnknown',
				type: 'boolean',
				default: false,
				description:
					'Whether a new e-mail or phone of a contact no customer is known by yet is stored, as Customer Merge\'s Resolve would: the customer with that e-mail or phone gains the contact\'s ID, else a new customer is created. Off: only customers already linked to the CRM change.',
			},
			{
				displayName: 'Default Country',
				name: 'defaultCountry',
				type: 'string',
				default: '',
				placeholder: 'BR',
				description: 'Two-letter country code for phone numbers the CRM stores without the country code',
			},
		],
	},
];

/** Why the store was left alone, for the items of a trigger that does not apply changes. */
const NOT_APPLIED = 'Apply to Customer Store is off: the store was left as it was';

async function appliedChanges(context: IWebhookFunctions, changes: CrmChange[]): Promise<AppliedCrmChange[]> {
	if (!(context.getNodeParameter('applyToStore', true) as boolean)) return changes.map((change) => ({ change, applied: 'nothing', reason: NOT_APPLIED }));
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const graph = await customerGraphFor(context);
	return await applyCrmChanges(graph, changes, { createUnknown: options.createUnknown === true, defaultCountry: String(options.defaultCountry ?? '').trim() || undefined });
}

/**
 * Receives one CRM webhook: checks who sent it (401 and nothing started when it is not the
 * CRM), reads the changes that matter to identity, applies them to the customer store, and
 * starts one execution with an item per change, unless every change was delivered before.
 * Changes are applied before their delivery is recorded, and applying one again changes
 * nothing (see applyCrmChanges): a request that failed half-way is answered 503, and the
 * CRM's retry completes it; a redelivery of one that succeeded starts nothing.
 */
export async function receiveCrmWebhook(context: IWebhookFunctions, options: CrmWebhookOptions): Promise<IWebhookResponseData> {
	const request = context.getRequestObject();
	if (!request.rawBody) await request.readRawBody?.();
	const rawBody: Buffer = request.rawBody ?? Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? {}));
	const node = context.getNode().name;

	const verdict = options.check(rawBody);
	if (!verdict.valid) {
		context.logger.warn(`${node}: refused a ${options.crm} webhook: ${verdict.reason}`);
		answerWebhook(context, 401, 'Unauthorized');
		return { noWebhookResponse: true };
	}

	let changes: CrmChange[];
	try {
		changes = options.parse(rawBody);
	} catch (error) {
		if (!(error instanceof PayloadError)) {
			context.logger.error(`${node}: failed to read a ${options.crm} webhook: ${(error as Error).stack ?? error}`);
			answerWebhook(context, 500, 'Internal error; please retry');
			return { noWebhookResponse: true };
		}
		context.logger.warn(`${node}: could not read a ${options.crm} webhook: ${error.message}`);
		answerWebhook(context, 400, error.message);
		return { noWebhookResponse: true };
	}

	let fresh: Array<{ id: string; result: AppliedCrmChange }>;
	try {
		const results = await appliedChanges(context, changes);
		fresh = await firstDeliveries(context, results.map((result) => ({ id: result.change.deliveryId, result })));
	} catch (error) {
		context.logger.error(`${node}: could not apply a ${options.crm} webhook to the customer store: ${(error as Error).message}`);
		answerWebhook(context, 503, 'Could not apply the change; please retry');
		return { noWebhookResponse: true };
	}
	answerWebhook(context, 200, '{"received":true}', 'application/json');
	if (!fresh.length) return { noWebhookResponse: true };
	return { noWebhookResponse: true, workflowData: [fresh.map(({ result }) => ({ json: result as unknown as IDataObject }))] };
}

/** The first value of a request header. */
export function headerValue(context: IWebhookFunctions, name: string): string | undefined {
	const value = context.getHeaderData()[name];
	return Array.isArray(value) ? value[0] : (value as string | undefined);
}
