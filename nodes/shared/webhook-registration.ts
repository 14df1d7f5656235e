import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { toNodeError } from './provider-error';
import { warmCustomerStore } from './warm-store';

/**
 * One thing a trigger sets up at its provider so that webhooks reach it: an app's callback
 * URL, a Page's subscription, a number's SMS URL, a route… A trigger may need several.
 */
export interface RegistrationStep {
	/** Names the step's state in the node's static data. */
	name: string;
	/** Whether the provider already delivers here as the trigger needs. `state` is what `register` returned, when this node registered it. */
	exists(state: IDataObject | undefined): Promise<boolean>;
	/** Registers, and returns what `unregister` needs later. Never secrets: static data is stored as plain text. */
	register(state: IDataObject | undefined): Promise<IDataObject>;
	/** Undoes `register`, and only where the provider still holds what this node set. */
	unregister(state: IDataObject): Promise<void>;
}

/**
 * The steps for this node as its credential and parameters stand. None when they don't
 * carry what the provider's API needs: the node's notice then says what to paste where.
 */
export type RegistrationPlan = (context: IHookFunctions) => Promise<RegistrationStep[]>;

/** Where each step keeps what it registered, in the node's static data. */
const STATE_KEY = 'webhookRegistration';

function statesOf(context: IHookFunctions): IDataObject {
	return (context.getWorkflowStaticData('node')[STATE_KEY] as IDataObject | undefined) ?? {};
}

function remember(context: IHookFunctions, name: string, state: IDataObject): void {
	const staticData = context.getWorkflowStaticData('node');
	staticData[STATE_KEY] = { ...statesOf(context), [name]: state };
}

function forget(context: IHookFunctions, name: string): void {
	const staticData = context.getWorkflowStaticData('node');
	const states = staticData[STATE_KEY] as IDataObject | undefined;
	if (!states) return;
	const { [name]: _forgotten, ...rest } = states;
	if (Object.keys(rest).length === 0) delete staticData[STATE_KEY];
	else staticData[STATE_KEY] = rest;
}

/** The node's webhook URL; a trigger registers nothing without one. */
export function webhookUrlOf(context: IHookFunctions): string {
	return context.getNodeWebhookUrl('default') ?? '';
}

/**
 * Whether `url` is one of this node's own addresses (its production or test URL, or one from
 * before WEBHOOK_URL changed): they all carry the node's webhook id. Such a registration may
 * be replaced; anyone else's is left alone.
 */
export function isThisNodesUrl(context: IHookFunctions, url: string | undefined): boolean {
	const webhookId = context.getNode().webhookId;
	return !!url && !!webhookId && url.includes(`/${webhookId}/`);
}

/**
 * n8n's `webhookMethods` for a trigger that registers its webhook itself, step by step:
 * - checkExists: every step is in place (true when there is nothing to register);
 * - create: registers the steps not in place, remembering what each did; a step that was
 *   already in place before (set up by hand) is left unclaimed, so deactivation keeps it;
 *   when a step fails, the ones done just before are undone and the provider's refusal is
 *   shown as a NodeApiError;
 * - delete: undoes what create did, newest first, where it is still as this node left it.
 */
export function selfRegisteringWebhook(provider: string, plan: RegistrationPlan) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Activation is also the moment to open the customer store, so the first webhook does not wait for it.
				warmCustomerStore(this);
				try {
					const steps = await plan(this);
					const states = statesOf(this);
					for (const step of steps) {
						if (!(await step.exists(states[step.name] as IDataObject | undefined))) return false;
					}
					return true;
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const done: Array<{ step: RegistrationStep; state: IDataObject }> = [];
				try {
					const steps = await plan(this);
					const states = statesOf(this);
					for (const step of steps) {
						const previous = states[step.name] as IDataObject | undefined;
						if (await step.exists(previous)) continue;
						const state = await step.register(previous);
						remember(this, step.name, state);
						done.push({ step, state });
					}
					return true;
				} catch (error) {
					for (const { step, state } of done.reverse()) {
						try {
							await step.unregister(state);
							forget(this, step.name);
						} catch (undoError) {
							this.logger.warn(`${this.getNode().name}: could not undo the ${provider} ${step.name} after a failed activation: ${(undoError as Error).message}`);
						}
					}
					throw toNodeError(this.getNode(), error);
				}
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const states = { ...statesOf(this) };
				const names = Object.keys(states);
				if (names.length === 0) return true;
				let steps: RegistrationStep[];
				try {
					steps = await plan(this);
				} catch (error) {
					steps = [];
					this.logger.warn(`${this.getNode().name}: could not remove the ${provider} webhook: ${(error as Error).message}`);
				}
				let complete = true;
				for (const step of [...steps].reverse()) {
					const state = states[step.name] as IDataObject | undefined;
					if (!state) continue;
					try {
						await step.unregister(state);
						forget(this, step.name);
					} catch (error) {
						// Kept, so that the next activation still knows it is this node's.
						complete = false;
						this.logger.warn(`${this.getNode().name}: could not remove the ${provider} ${step.name}: ${(error as Error).message}`);
					}
				}
				// What the credential no longer allows undoing (a field was cleared) is forgotten, and said.
				const orphaned = names.filter((name) => !steps.some((step) => step.name === name));
				if (orphaned.length > 0) {
					complete = false;
					this.logger.warn(
						`${this.getNode().name}: left the ${provider} ${orphaned.join(', ')} in place: the credential or parameters no longer allow removing it; remove it at ${provider} by hand`,
					);
					for (const name of orphaned) forget(this, name);
				}
				return complete;
			},
		},
	};
}
